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
