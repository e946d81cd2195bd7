/**
 * The counters of a day as the statistics answer them (shared/src/contracts/responses/stats.ts).
 * Pure. The five place-type buckets are the five venue types (`VENUE_TYPES`: community, unit
 * — workplaces —, station, checkpoint, public), one to one; a counter of a type no longer
 * listed is left out rather than guessed into a bucket.
 */
import { CONVERSION_OUTCOMES, daysOf, type ConversionOutcome, type StatsDay, type VenueType } from '@yima/shared';
import { VENUE_TYPES } from '@yima/shared/contracts/venues';
import type { CounterRow } from './statsRepo';

const byType = (values: Map<string, number>, metric: string): Record<VenueType, number> =>
  Object.fromEntries(VENUE_TYPES.map((t) => [t, values.get(`${metric}|${t}`) ?? 0])) as Record<VenueType, number>;

/** One day's figures from its counters (`metric|dimension` → value). */
export function dayFigures(date: string, values: Map<string, number>): StatsDay {
  const checkinsBy = (who: string) => values.get(`checkins|${who}`) ?? 0;
  return {
    date,
    registrations: values.get('registrations|') ?? 0,
    activeUsers: values.get('activeUsers|') ?? 0,
    checkins: checkinsBy('self') + checkinsBy('relative'),
    checkinsByRelatives: checkinsBy('relative'),
    scans: byType(values, 'scans'),
    staffScans: byType(values, 'staffScans'),
    conversions: Object.fromEntries(CONVERSION_OUTCOMES.map((o) => [o, values.get(`conversions|${o}`) ?? 0])) as Record<ConversionOutcome, number>,
  };
}

/** Every day from `from` to `to`, in order, zeros where nothing was counted. */
export function rangeFigures(from: string, to: string, rows: readonly CounterRow[]): StatsDay[] {
  const byDay = new Map<string, Map<string, number>>();
  for (const r of rows) {
    const values = byDay.get(r.day) ?? byDay.set(r.day, new Map()).get(r.day)!;
    const key = `${r.metric}|${r.dimension}`;
    values.set(key, (values.get(key) ?? 0) + r.value);
  }
  return daysOf(from, to).map((day) => dayFigures(day, byDay.get(day) ?? new Map()));
}

/** The CSV export's columns, and a day's cells under them. */
export const CSV_HEADER = [
  'date',
  'registrations',
  'active_users',
  'checkins',
  'checkins_by_relatives',
  'scans_total',
  ...VENUE_TYPES.map((t) => `scans_${t}`),
  ...VENUE_TYPES.map((t) => `staff_scans_${t}`),
  ...CONVERSION_OUTCOMES.map((o) => `conversions_${o}`),
];

export const csvCells = (d: StatsDay): (string | number)[] => [
  d.date,
  d.registrations,
  d.activeUsers,
  d.checkins,
  d.checkinsByRelatives,
  VENUE_TYPES.reduce((sum, t) => sum + d.scans[t], 0),
  ...VENUE_TYPES.map((t) => d.scans[t]),
  ...VENUE_TYPES.map((t) => d.staffScans[t]),
  ...CONVERSION_OUTCOMES.map((o) => d.conversions[o]),
];
