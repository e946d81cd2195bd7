/**
 * Request and response contracts for login and identity (SPEC C1, ../shared/API.md).
 * The BFF validates with these schemas; the mini-program types its calls with z.infer.
 */
import { z } from 'zod';
import { LOCALES, type Locale } from '../locale';
import { normalisePhone } from '../phone';

/** Custom issues carry the error code the BFF answers with (see bff/src/http/validate.ts). */
const withCode = (code: string, message: string) => ({ message, params: { code } });

export const phoneField = z
  .string()
  .max(32)
  .refine((v) => normalisePhone(v) !== null, withCode('INVALID_PHONE', 'phone must be an 11-digit mainland mobile number'))
  .transform((v) => normalisePhone(v) as string);

export const smsCodeRequest = z.strictObject({ phone: phoneField });
export type SmsCodeRequest = z.infer<typeof smsCodeRequest>;

export interface SmsCodeResponse {
  resendAfterSeconds: number;
}

/** A ticket from a WeChat/Alipay login whose platform identity is not yet linked to a phone. */
const linkTicket = z.string().regex(/^[A-Za-z0-9_-]{16,64}$/).optional();

export const sessionRequest = z.discriminatedUnion('method', [
  z.strictObject({
    method: z.literal('sms'),
    phone: phoneField,
    code: z.string().regex(/^\d{6}$/, 'code must be 6 digits'),
    linkTicket,
  }),
  z.strictObject({
    method: z.literal('simple'),
    phone: phoneField,
    idLast4: z
      .string()
      .transform((v) => v.trim().toUpperCase())
      .pipe(z.string().regex(/^\d{3}[\dX]$/, 'idLast4 must be the last 4 characters of the ID number')),
    // No linkTicket: a WeChat/Alipay identity is tied to an account only by an SMS code,
    // so knowing someone's phone and ID digits never lets another WeChat take it over.
  }),
  z.strictObject({ method: z.literal('wechat'), code: z.string().min(1).max(128) }),
  z.strictObject({ method: z.literal('alipay'), authCode: z.string().min(1).max(128) }),
]);
export type SessionRequest = z.infer<typeof sessionRequest>;

export interface SessionUser {
  id: string;
  registered: boolean;
}

/** 201: a session was opened. */
export interface SessionResponse {
  token: string;
  expiresAt: string;
  user: SessionUser;
}

/** 200: the platform identity is known to WeChat/Alipay but not yet tied to a phone;
 * log in by SMS or simple login with `linkTicket` to tie it. */
export interface LinkRequiredResponse {
  linkRequired: true;
  linkTicket: string;
  expiresAt: string;
}

export const identityRequest = z.strictObject({
  name: z.string().max(64),
  idNumber: z.string().max(32),
});
export type IdentityRequest = z.infer<typeof identityRequest>;

export { LOCALES, type Locale } from '../locale';

export const profileUpdateRequest = z.strictObject({ locale: z.enum(LOCALES) });

/** `GET /api/me`: everything masked; name and idNumber are null until registered. */
export interface MeResponse {
  id: string;
  registered: boolean;
  /** The account's identity was verified by a real-name provider (face check). */
  verified: boolean;
  name: string | null;
  idNumber: string | null;
  phone: string;
  locale: Locale;
}
