/** Answers of login, the profile and real-name verification. */
import { z } from 'zod';
import { LOCALES } from '../../locale';
import { REAL_NAME_PROVIDERS } from '../../realName';
import { count, isoTime } from './common';

export const smsCodeResponse = z.strictObject({ resendAfterSeconds: count });
export type SmsCodeResponse = z.infer<typeof smsCodeResponse>;

export const sessionUser = z.strictObject({ id: z.string(), registered: z.boolean() });
export type SessionUser = z.infer<typeof sessionUser>;

/** 201: a session was opened. */
export const sessionResponse = z.strictObject({ token: z.string(), expiresAt: isoTime, user: sessionUser });
export type SessionResponse = z.infer<typeof sessionResponse>;

/** 200: the WeChat/Alipay identity is not yet tied to a phone; log in by SMS with
 * `linkTicket` to tie it. */
export const linkRequiredResponse = z.strictObject({ linkRequired: z.literal(true), linkTicket: z.string(), expiresAt: isoTime });
export type LinkRequiredResponse = z.infer<typeof linkRequiredResponse>;

/** `GET /api/me`: everything masked; name and idNumber are null until registered. */
export const meResponse = z.strictObject({
  id: z.string(),
  registered: z.boolean(),
  /** The account's identity was verified by a real-name provider (face check). */
  verified: z.boolean(),
  name: z.string().nullable(),
  idNumber: z.string().nullable(),
  phone: z.string(),
  locale: z.enum(LOCALES),
  /** The privacy notice version the account accepted last (null: none): the app shows the
   * notice again while it is not `PRIVACY_NOTICE_VERSION` (decision 0024). */
  privacyAccepted: z.string().nullable(),
});
export type MeResponse = z.infer<typeof meResponse>;

/** What the client needs to run the verification. */
export const verificationClientParams = z.strictObject({
  /** Tencent FaceID: the page to open (H5 redirect); Alipay: the certify URL for my.startAPVerify. */
  url: z.string().optional(),
  /** Alipay: certify id for my.startAPVerify. */
  certifyId: z.string().optional(),
});
export type VerificationClientParams = z.infer<typeof verificationClientParams>;

/** 201 of `POST /api/me/identity/verifications`. */
export const startVerificationResponse = z.strictObject({
  id: z.string(),
  provider: z.enum(REAL_NAME_PROVIDERS),
  expiresAt: isoTime,
  client: verificationClientParams,
});
export type StartVerificationResponse = z.infer<typeof startVerificationResponse>;
