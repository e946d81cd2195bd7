/** Answers of conversion requests (转码申请; docs/decisions/0022-conversion-requests.md). */
import { z } from 'zod';
import { CONVERSION_HANDLERS, CONVERSION_STATUSES } from '../../conversions';
import { color, idString, isoTime } from './common';

/** Who has the request: a grid's community workers, a district's authority, or the provincial
 * hotline (`hotline`: the number to call, from configuration). */
export const conversionHandlerView = z.strictObject({
  kind: z.enum(CONVERSION_HANDLERS),
  /** The grid whose community workers decide (kind `community`); null otherwise. */
  grid: z.strictObject({ code: z.string(), name: z.string().nullable() }).nullable(),
  /** The district whose authority decides (kind `authority`); null otherwise. */
  district: z.string().nullable(),
  /** The number to call (kind `provincial`); null otherwise. */
  hotline: z.string().nullable(),
});

/** The decision, once made. */
export const conversionDecisionView = z.strictObject({
  approve: z.boolean(),
  reason: z.string(),
  at: isoTime,
  /** Who decided, as a role: the person never sees a worker's name. */
  by: z.enum(['community-worker', 'authority']),
});

/** One request as its person (or their filer) sees it. */
export const conversionRequestView = z.strictObject({
  id: idString,
  status: z.enum(CONVERSION_STATUSES),
  /** The colour asked about, as it was when asked. */
  color,
  reason: z.string(),
  createdAt: isoTime,
  /** Filed by a relative for this person. */
  byRelative: z.boolean(),
  handler: conversionHandlerView,
  decision: conversionDecisionView.nullable(),
});
export type ConversionRequestView = z.infer<typeof conversionRequestView>;

/** `GET /api/me/conversion-requests`, `GET /api/dependents/:id/conversion-requests`: newest first. */
export const conversionRequestList = z.strictObject({ requests: z.array(conversionRequestView) });
export type ConversionRequestList = z.infer<typeof conversionRequestList>;

/** One request in a handler's inbox: the person masked, their colour now. */
export const conversionInboxItem = conversionRequestView.extend({
  personId: idString,
  /** Masked (`张*三`). */
  name: z.string(),
  /** The person's merged colour now (may differ from `color`, the colour asked about). */
  colorNow: color,
});
export type ConversionInboxItem = z.infer<typeof conversionInboxItem>;

/** `GET /api/conversion-requests`: the caller's inbox, oldest waiting first. */
export const conversionInbox = z.strictObject({
  requests: z.array(conversionInboxItem),
  nextCursor: z.string().nullable(),
});
export type ConversionInbox = z.infer<typeof conversionInbox>;
