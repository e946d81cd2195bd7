/**
 * Real-name verification contracts (docs/decisions/0008-real-name-verification.md): an
 * account starts a face verification for a name and ID number with the provider of its
 * platform, the client runs it, and the BFF fetches the result from the provider itself.
 */
import { z } from 'zod';
import { VERIFICATION_CHANNELS } from '../realName';

export const startVerificationRequest = z.strictObject({
  name: z.string().max(64),
  idNumber: z.string().max(32),
  channel: z.enum(VERIFICATION_CHANNELS).default('h5'),
});
export type StartVerificationRequest = z.input<typeof startVerificationRequest>;

/** `result`: what the client brought back from the provider, only where the provider hands
 * it to the client (WeChat's `verifyResult`); the dev provider reads "fail" as a failure. */
export const completeVerificationRequest = z.strictObject({
  result: z
    .string()
    .regex(/^[\x21-\x7e]{1,512}$/, 'result: the provider result as the client received it')
    .optional(),
});
export type CompleteVerificationRequest = z.infer<typeof completeVerificationRequest>;

// Response types are inferred from the response schemas (./responses/auth).
export type { VerificationClientParams, StartVerificationResponse } from './responses/auth';
