/**
 * Request and response contracts for login and identity (SPEC C1, docs/api.md).
 * The BFF validates with these schemas; the mini-program types its calls with z.infer.
 */
import { z } from 'zod';
import { LOCALES } from '../locale';
import { normalisePhone } from '../phone';
import { PRIVACY_NOTICE_VERSION } from '../privacy';

/** Custom issues carry the error code the BFF answers with (see bff/src/http/validate.ts). */
const withCode = (code: string, message: string) => ({ message, params: { code } });

export const phoneField = z
  .string()
  .max(32)
  .refine((v) => normalisePhone(v) !== null, withCode('INVALID_PHONE', 'phone must be an 11-digit mainland mobile number'))
  .transform((v) => normalisePhone(v) as string);

/** `PUT /api/me/privacy-consent`: the account accepts the notice in force, and only it: an app
 * showing an older text must fetch the new one first. */
export const privacyConsentRequest = z.strictObject({
  version: z.literal(PRIVACY_NOTICE_VERSION, { error: `version: must be the notice in force (${PRIVACY_NOTICE_VERSION})` }),
});

export const smsCodeRequest = z.strictObject({ phone: phoneField });
export type SmsCodeRequest = z.infer<typeof smsCodeRequest>;

/** A ticket from a WeChat/Alipay login whose platform identity is not yet linked to a phone. */
const linkTicket = z
  .string()
  .regex(/^[A-Za-z0-9_-]{16,64}$/)
  .optional();

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

export const identityRequest = z.strictObject({
  name: z.string().max(64),
  idNumber: z.string().max(32),
});
export type IdentityRequest = z.infer<typeof identityRequest>;

export { LOCALES, type Locale } from '../locale';

export const profileUpdateRequest = z.strictObject({ locale: z.enum(LOCALES) });

// Response types are inferred from the response schemas (./responses/auth).
export type { SmsCodeResponse, SessionUser, SessionResponse, LinkRequiredResponse, MeResponse } from './responses/auth';
