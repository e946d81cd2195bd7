/**
 * Building blocks of the response contracts (docs/api.md): times, colours and the one error
 * body. Response objects are strict on purpose: a field the BFF starts to send without
 * writing it here fails the integration suite (test/support/contractCheck.ts), so the
 * contract cannot silently fall behind the answers.
 */
import { z } from 'zod';
import { COLORS } from '../../color';
import { ERROR_CODES, type ErrorBody } from '../../errors';
import { RELATIONS } from '../../relatives';

/** An instant, ISO 8601 in UTC as `Date.toISOString()` writes it. */
export const isoTime = z.iso.datetime();
/** A China calendar day, `YYYY-MM-DD`. */
export const isoDay = z.iso.date();
export const color = z.enum(COLORS);
/** Database ids travel as decimal strings: they may pass 2^53. */
export const idString = z.string().regex(/^\d{1,20}$/);
export const count = z.number().int().min(0);

export const errorCode = z.enum(ERROR_CODES);
export const LOGIN_METHODS = ['sms', 'simple', 'wechat', 'alipay'] as const;

/** Every 4xx/5xx answer (but an unready `/readyz`, which answers its own body). */
export const errorBody = z.strictObject({
  error: z.strictObject({
    code: errorCode,
    message: z.string(),
    /** Seconds until the request may succeed; on every 429, with a `Retry-After` header. */
    retryAfterSeconds: z.number().int().min(1).optional(),
    /** Other ways in, e.g. `["simple"]` when SMS is saturated. */
    alternatives: z.array(z.enum(LOGIN_METHODS)).optional(),
  }),
});

// The hand-written ErrorBody of ../../errors.ts and this schema must describe one shape.
const sameAsErrorBody: ErrorBody = null as unknown as z.infer<typeof errorBody>;
void sameAsErrorBody;

/** A masked person as answers name them (`张*三`). */
export const maskedHolder = z.strictObject({ name: z.string() });

/**
 * A relation as declared when filing: what the relative is to the filer (`parent`: TA 是您的父母),
 * and for `other` the filer's own words (舅舅), else null. The client words it either way
 * round (decision 0017); the BFF sends no label.
 */
export const relationFields = { relation: z.enum(RELATIONS), relationText: z.string().nullable() };

/** Who files for a holder (a relative's code, a paper code): the filer's masked name and the
 * relation the holder was filed as. */
export const filedBy = z.strictObject({ name: z.string(), ...relationFields });

/** `{id}` of something just created. */
export const created = z.strictObject({ id: idString });

/** The parameters a worded code's text fills in (decision 0017). */
export const wordParams = z.record(z.string(), z.union([z.string(), z.number()]));

/**
 * Something the client words (decision 0017): a stable code and the parameters its text
 * fills in. The BFF words nothing a screen shows; `miniprogram/src/i18n/text/*` words each
 * code in zh and en.
 */
export const worded = <const C extends readonly [string, ...string[]]>(codes: C) => z.strictObject({ code: z.enum(codes), params: wordParams });
