/** Answers of the city statistics (SPEC C9; docs/decisions/0020-statistics.md). */
import { z } from 'zod';
import { VENUE_TYPES } from '../venues';
import { count, isoDay } from './common';

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
});
export type StatsDay = z.infer<typeof statsDay>;

export const statsRange = z.strictObject({ from: isoDay, to: isoDay, days: z.array(statsDay) });
export type StatsRange = z.infer<typeof statsRange>;

/** The operator pages an account may open (the home page offers these): the city statistics
 * (operators, admins), the grid dashboard (community workers), places and risk areas
 * (operators, admins), authority marks (authorities, admins) and role grants (admins). */
export const OPS_PAGES = ['stats', 'grid', 'places', 'riskAreas', 'marks', 'grants'] as const;
export const opsPages = z.strictObject({ pages: z.array(z.enum(OPS_PAGES)) });
export type OpsPages = z.infer<typeof opsPages>;
