/** Answers of the city statistics (SPEC C9; docs/decisions/0020-statistics.md). */
import { z } from 'zod';
import { CONVERSION_OUTCOMES, type ConversionOutcome } from '../../conversions';
import { VENUE_TYPES } from '../venues';
import { count, isoDay } from './common';
import { gridView } from './grids';

/** One count per place type: the five buckets are the five venue types (seed 000 counted
 * communities, workplaces — `unit` — stations, checkpoints and public places). */
export const countsByVenueType = z.strictObject(Object.fromEntries(VENUE_TYPES.map((t) => [t, count])) as Record<(typeof VENUE_TYPES)[number], typeof count>);

/** The figures of one China day, counted as things happened. */
export const statsDay = z.strictObject({
  date: isoDay,
  /** Accounts that registered a name and ID number that day (declared or verified). */
  registrations: count,
  /** Distinct people who showed their code, had it scanned, or scanned a place's code. */
  activeUsers: count,
  /** People checked in for that day (a second check-in the same day replaces the first). */
  checkins: count,
  /** Of `checkins`, those a relative filed. */
  checkinsByRelatives: count,
  /** Every scan recorded as a visit, by place type: a resident scanning the place's code, or
   * staff scanning a person's code (or looking them up). */
  scans: countsByVenueType,
  /** Of `scans`, those staff made. */
  staffScans: countsByVenueType,
  /** Conversion requests (转码申请) by the status they moved to that day: approved and rejected
   * by a worker or an authority, forwarded to an authority (a mark decides the colour),
   * referred to the provincial hotline — at filing or after a worker's approval. */
  conversions: z.strictObject(Object.fromEntries(CONVERSION_OUTCOMES.map((o) => [o, count])) as Record<ConversionOutcome, typeof count>),
});
export type StatsDay = z.infer<typeof statsDay>;

export const statsRange = z.strictObject({ from: isoDay, to: isoDay, days: z.array(statsDay) });
export type StatsRange = z.infer<typeof statsRange>;

/** Check-in completion of one grid on a day: its residents (people whose latest check-in placed
 * them in it, as counted now) and how many of them checked in that day (counted as they did,
 * in the grid their address placed them in). `checkedIn` may pass `residents` on a past day
 * after people moved away. */
export const gridCompletion = z.strictObject({ residents: z.number().int(), checkedIn: count });
export type GridCompletion = z.infer<typeof gridCompletion>;

/** `GET /api/stats/grids`: a grid (null: the city) and each of its children, on a day. */
export const statsGrids = z.strictObject({
  date: isoDay,
  parent: gridView.nullable(),
  total: gridCompletion,
  grids: z.array(gridView.extend(gridCompletion.shape)),
});
export type StatsGrids = z.infer<typeof statsGrids>;

/** The operator pages an account may open (the home page offers these): the city statistics
 * (operators, admins), the grid dashboard (community workers), the conversion inbox
 * (community workers, authorities, admins), places and risk areas (operators, admins),
 * authority marks (authorities, admins) and role grants (admins). */
export const OPS_PAGES = ['stats', 'grid', 'conversions', 'places', 'riskAreas', 'marks', 'grants'] as const;
export const opsPages = z.strictObject({ pages: z.array(z.enum(OPS_PAGES)) });
export type OpsPages = z.infer<typeof opsPages>;
