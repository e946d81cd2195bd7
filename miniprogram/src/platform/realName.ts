/**
 * Running a real-name (face) verification the BFF started (docs/decisions/0008). H5 (this
 * file): the dev provider needs nothing from the client; Tencent FaceID is a page the browser
 * goes to, which comes back to the registration page with `?verification=<id>`.
 * realName.weapp.ts and realName.alipay.ts replace this file in those builds.
 */
import type { StartVerificationResponse, VerificationChannel } from '@yima/shared';
import { storage } from '../services/storage';

export const verificationChannel: VerificationChannel = 'h5';

/** What to send to complete the verification, or `redirected` when the page is leaving for
 * the provider's (it completes on return). Rejects when the user gave up. */
export type VerificationRun = { result?: string } | 'redirected';

/** Where the id of a verification in progress waits while the browser is at the provider. */
export const PENDING_VERIFICATION_KEY = 'yima.pendingVerification';

export async function runVerification(started: StartVerificationResponse, _who: { name: string; idNumber: string }): Promise<VerificationRun> {
  if (started.provider === 'dev' || !started.client.url) return {};
  storage.keep(PENDING_VERIFICATION_KEY, started.id);
  window.location.href = started.client.url;
  return 'redirected';
}
