/** Alipay: my.startAPVerify runs 实人认证 for the certify id the BFF initialised; the BFF then
 * asks Alipay (alipay.user.certify.open.query) whether it passed. */
import type { StartVerificationResponse, VerificationChannel } from '@yima/shared';
import type { VerificationRun } from './realName';

export type { VerificationRun } from './realName';
export { PENDING_VERIFICATION_KEY } from './realName';
export const verificationChannel: VerificationChannel = 'alipay';

/** The Alipay mini-program global; Taro has no wrapper for startAPVerify. */
declare const my: {
  startAPVerify(options: { url: string; certifyId: string; success: (res: { resultStatus: string }) => void; fail: (err: unknown) => void }): void;
};

export async function runVerification(started: StartVerificationResponse): Promise<VerificationRun> {
  if (started.provider === 'dev' || !started.client.url || !started.client.certifyId) return {};
  const { url, certifyId } = started.client;
  // resultStatus 9000 is "finished"; whether it passed, only Alipay tells the BFF.
  await new Promise<void>((resolve, reject) =>
    my.startAPVerify({ url, certifyId, success: (res) => (res.resultStatus === '9000' ? resolve() : reject(new Error(res.resultStatus))), fail: reject }),
  );
  return {};
}
