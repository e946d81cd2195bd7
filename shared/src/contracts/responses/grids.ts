/** Answers of grids and the community worker's dashboard (SPEC C8, docs/decisions/0019). */
import { z } from 'zod';
import { GRID_LEVELS, RESIDENT_FILTERS } from '../../grids';
import { MERGE_POLICIES } from '../../mergePolicy';
import { REASON_CODES } from '../../reasons';
import { codeReasonView, codeSourceView } from './code';
import { color, count, idString, isoDay, isoTime } from './common';

/** A grid: its code, name and level, and the grid it lies in (null for a district). */
export const gridView = z.strictObject({
  code: z.string(),
  name: z.string(),
  level: z.enum(GRID_LEVELS),
  parent: z.string().nullable(),
});
export type GridView = z.infer<typeof gridView>;

/** `GET /api/grids`, `GET /api/staff/grids`: grids, by code. */
export const gridList = z.strictObject({ grids: z.array(gridView) });
export type GridList = z.infer<typeof gridList>;

/** Where a resident's check-in stands, as a community worker follows it up. */
export const residentCheckin = z.strictObject({
  /** The latest check-in (by the person or a relative); null: never checked in. */
  lastAt: isoTime.nullable(),
  /** Checked in today (China time). */
  today: z.boolean(),
  /** The check-in no longer counts (none, or over 3 days old): the code page's "due". */
  overdue: z.boolean(),
  /** Whole days past due, rounded up (1 on the first day); 0 when not overdue; null when
   * never checked in. */
  overdueDays: count.nullable(),
});
export type ResidentCheckin = z.infer<typeof residentCheckin>;

/** The grid a resident's latest check-in placed them in (`name` null for a district nobody
 * imported). */
const residentGrid = z.strictObject({ code: z.string(), name: z.string().nullable() });

/** One resident of a grid, masked. */
export const gridResident = z.strictObject({
  /** The person's id: the `:personId` of the detail route. */
  personId: idString,
  /** Masked (`张*三`). */
  name: z.string(),
  grid: residentGrid,
  /** The merged colour, as the person's code page shows it now. */
  color,
  checkin: residentCheckin,
  /** A conversion request (转码申请) of theirs waits for this grid's workers (the inbox has it). */
  pendingConversion: z.boolean(),
});
export type GridResident = z.infer<typeof gridResident>;

/** `GET /api/grids/:code/residents`: a page of the grid's residents, by grid then person. A
 * page may hold fewer than `limit` residents yet have a `nextCursor`: each request looks at a
 * bounded number of residents. */
export const gridResidentList = z.strictObject({
  grid: gridView,
  filter: z.enum(RESIDENT_FILTERS).nullable(),
  residents: z.array(gridResident),
  /** Pass as `cursor` for the next page; null when the grid has no more. */
  nextCursor: z.string().nullable(),
});
export type GridResidentList = z.infer<typeof gridResidentList>;

/** One recent check-in, without its answers: the reasons say what matters. */
const recentCheckin = z.strictObject({
  day: isoDay,
  color,
  reasons: z.array(z.enum(REASON_CODES)),
  checkedInAt: isoTime,
  /** Filed by a relative rather than the person's own account. */
  byRelative: z.boolean(),
});

/** `GET /api/grids/:code/residents/:personId`: one resident, their colour explained as their
 * code page explains it (no QR), and their check-ins of the last 14 days. The viewing is
 * written to the person's history (`GET /api/me/audit`). */
export const gridResidentDetail = z.strictObject({
  personId: idString,
  name: z.string(),
  grid: residentGrid,
  color,
  policy: z.enum(MERGE_POLICIES),
  decidedBy: z.string().nullable(),
  reasons: z.array(codeReasonView),
  sources: z.array(codeSourceView),
  checkin: residentCheckin,
  recentCheckins: z.array(recentCheckin),
});
export type GridResidentDetail = z.infer<typeof gridResidentDetail>;
