/**
 * Contracts of the merged code state (SPEC C4, C8): provincial feed lines, authority marks,
 * the colour history and recognised codes of other regions (docs/api.md).
 */
import { z } from 'zod';
import type { Color } from '../color';
import { MARK_COLORS, isMarkReason, type MarkColor, type MarkReasonCode } from '../markReasons';
import { regionCode } from './checkin';
import { safeText } from './text';

const withCode = (code: string, message: string) => ({ message, params: { code } });

/** Checked in full (date of birth against today, check digit) by the BFF with parseIdNumber. */
export const idNumberField = z.string().max(32);

/** One line of a provincial batch. Colours the province can send: it has no "grey". */
export const provincialLine = z.strictObject({
  idNumber: idNumberField,
  color: z
    .string()
    .refine((v) => v === 'green' || v === 'yellow' || v === 'red', withCode('INVALID_COLOR', 'color must be green, yellow or red'))
    .transform((v) => v as Exclude<Color, 'grey'>),
  reasonCode: z.string().regex(/^[A-Z0-9_]{1,40}$/, 'reasonCode must be 1–40 of A–Z, 0–9, _'),
  reasonText: z.string().trim().max(200).superRefine(safeText()),
  setBy: z.string().trim().min(1).max(60).superRefine(safeText()),
  effectiveAt: z.iso.datetime({ offset: true }),
  version: z.number().int().min(1).max(Number.MAX_SAFE_INTEGER),
});
export type ProvincialLine = z.infer<typeof provincialLine>;

export const markRequest = z.strictObject({
  idNumber: idNumberField,
  color: z
    .string()
    .refine((v) => (MARK_COLORS as readonly string[]).includes(v), withCode('INVALID_COLOR', 'a mark is yellow or red'))
    .transform((v) => v as MarkColor),
  reason: z
    .string()
    .refine(isMarkReason, withCode('UNKNOWN_REASON', 'reason must be one of the maintained mark reasons (GET /api/mark-reasons)'))
    .transform((v) => v as MarkReasonCode),
  /** Free text beside the listed reason, e.g. which case they were in contact with. */
  note: z
    .string()
    .trim()
    .max(200)
    .superRefine(safeText({ multiline: true }))
    .default(''),
  legalBasis: z
    .string()
    .trim()
    .min(4, 'legalBasis is mandatory: the law or order the mark rests on')
    .max(200)
    .superRefine(safeText({ multiline: true })),
  /** Which of the operator's districts acts; needed only when the operator holds several. */
  district: regionCode.optional(),
  expiresAt: z.iso.datetime({ offset: true }).optional(),
});
export type MarkRequest = z.infer<typeof markRequest>;

export const liftMarkRequest = z.strictObject({
  reason: z
    .string()
    .trim()
    .min(4, 'reason is mandatory: why the mark is lifted')
    .max(200)
    .superRefine(safeText({ multiline: true })),
});

/** `GET /api/marks`: the marks of the districts the authority acts for, newest first. */
export const markListQuery = z.strictObject({
  district: regionCode.optional().describe('only this district (one the caller covers)'),
  active: z.enum(['true', 'false']).optional().describe('`true`: only marks in force; `false`: only lifted or expired ones'),
  cursor: z
    .string()
    .regex(/^\d{1,18}$/, 'must be a nextCursor this route answered')
    .optional()
    .describe('the `nextCursor` of the previous page'),
});
export type MarkListQuery = z.infer<typeof markListQuery>;

export const recognitionRequest = z.strictObject({ qr: z.string().min(1).max(400) });

// Response types are inferred from the response schemas (./responses/).
export type { ProvincialBatchResult } from './responses/merge';
export type { CodeSourceView, CodeReasonView, AuditEntry, AuditResponse } from './responses/code';
