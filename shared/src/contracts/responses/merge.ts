/** Answers of authority marks, recognition of codes and the provincial feed (SPEC C4, C8). */
import { z } from 'zod';
import { MARK_COLORS, MARK_REASON_CODES } from '../../markReasons';
import { regionCode } from '../checkin';
import { codeSourceView } from './code';
import { color, count, errorCode, idString, isoTime } from './common';

export const markReasonList = z.strictObject({
  reasons: z.array(
    z.strictObject({
      code: z.enum(MARK_REASON_CODES as [string, ...string[]]),
      usualColor: z.enum(MARK_COLORS),
      text: z.strictObject({ zh: z.string(), en: z.string() }),
    }),
  ),
});

export const markCreated = z.strictObject({ id: idString, district: regionCode });

/** One mark as its authority's list shows it: the person only masked (first 6 and last 4 of
 * the ID number), `person: null` for a mark of someone the city has no ID number for. */
export const markView = z.strictObject({
  id: idString,
  person: z.string().nullable(),
  district: regionCode,
  color: z.enum(MARK_COLORS),
  reason: z.enum(MARK_REASON_CODES as [string, ...string[]]),
  note: z.string(),
  legalBasis: z.string(),
  setAt: isoTime,
  expiresAt: isoTime.nullable(),
  /** When it was lifted (or superseded); null while in force. */
  liftedAt: isoTime.nullable(),
  liftReason: z.string().nullable(),
  /** In force now: neither lifted nor expired. */
  active: z.boolean(),
});
export type MarkView = z.infer<typeof markView>;
export const markList = z.strictObject({ marks: z.array(markView), nextCursor: idString.nullable() });
export type MarkList = z.infer<typeof markList>;

/** `POST /api/recognitions`: a code of this or another region, verified and merged alone. */
export const recognitionResult = z.strictObject({
  issuer: z.strictObject({ id: z.string(), name: z.string(), own: z.boolean() }),
  kind: z.enum(['screen', 'paper']),
  color,
  decidedBy: z.string().nullable(),
  sources: z.array(codeSourceView),
  issuedAt: isoTime,
  expiresAt: isoTime,
});

export const provincialBatchResult = z.strictObject({
  lines: count,
  accepted: count,
  /** Lines whose version was not newer than the one already held (replays, older states). */
  duplicates: count,
  rejectedCount: count,
  /** The first rejected lines (up to a limit), each with its 1-based line number. */
  rejected: z.array(z.strictObject({ line: z.number().int().min(1), code: errorCode, message: z.string() })),
});
export type ProvincialBatchResult = z.infer<typeof provincialBatchResult>;
