/** Contracts of conversion requests (转码申请; docs/decisions/0022-conversion-requests.md). */
import { z } from 'zod';
import { CONVERSION_STATUSES } from '../conversions';
import { safeText } from './text';

/** Why the person asks, in their words ("勾错了选项" / "ticked the wrong box"). */
const why = z
  .string()
  .trim()
  .min(2, 'reason: say why the colour is wrong (at least 2 characters)')
  .max(200, 'reason: at most 200 characters')
  .superRefine(safeText({ multiline: true }));

/** `POST /api/me/conversion-requests`, `POST /api/dependents/:id/conversion-requests`. */
export const conversionRequestBody = z.strictObject({ reason: why });
export type ConversionRequestBody = z.infer<typeof conversionRequestBody>;

/** `POST /api/conversion-requests/:id/decision`: approve or reject, always with a reason (it is
 * shown to the person and written to their colour history). */
export const conversionDecisionBody = z.strictObject({
  approve: z.boolean(),
  reason: z
    .string()
    .trim()
    .min(4, 'reason is mandatory: what was checked and why (at least 4 characters)')
    .max(200, 'reason: at most 200 characters')
    .superRefine(safeText({ multiline: true })),
});
export type ConversionDecisionBody = z.infer<typeof conversionDecisionBody>;

/** `GET /api/conversion-requests`: a handler's inbox. */
export const conversionInboxQuery = z.strictObject({
  status: z.enum(CONVERSION_STATUSES).optional().describe('only requests in this status (default: the ones waiting for the caller: pending and forwarded)'),
  cursor: z
    .string()
    .regex(/^\d{1,20}$/, 'must be a nextCursor this route answered')
    .optional()
    .describe('the `nextCursor` of the previous page'),
});

// Response types are inferred from the response schemas (./responses/conversions).
export type { ConversionRequestView, ConversionRequestList, ConversionInboxItem, ConversionInbox } from './responses/conversions';
