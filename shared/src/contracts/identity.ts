/**
 * Real-name verification contracts (docs/decisions/0008-real-name-verification.md): an
 * account starts a face verification for a name and ID number with the provider of its
 * platform, the client runs it, and the BFF fetches the result from the provider itself.
 */
import { z } from 'zod';
import { VERIFICATION_CHANNELS, type RealNameProviderName } from '../realName';

export const startVerificationRequest = z.strictObject({
  name: z.string().max(64),
  idNumber: z.string().max(32),
  channel: z.enum(VERIFICATION_CHANNELS).default('h5'),
});
export type StartVerificationRequest = z.input<typeof startVerificationRequest>;

/** `result`: what the client brought back from the provider, only where the provider hands
 * it to the client (WeChat's `verifyResult`); the dev provider reads "fail" as a failure. */
export const completeVerificationRequest = z.strictObject({
  result: z.string().regex(/^[\x21-\x7e]{1,512}$/, 'result: the provider result as the client received it').optional(),
});
export type CompleteVerificationRequest = z.infer<typeof completeVerificationRequest>;

/** What the client needs to run the verification. */
export interface VerificationClientParams {
  /** Tencent FaceID: the page to open (H5 redirect); Alipay: the certify URL for my.startAPVerify. */
  url?: string;
  /** Alipay: certify id for my.startAPVerify. */
  certifyId?: string;
}

/** 201 of `POST /api/me/identity/verifications`. */
export interface StartVerificationResponse {
  id: string;
  provider: RealNameProviderName;
  expiresAt: string;
  client: VerificationClientParams;
}
