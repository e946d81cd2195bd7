/**
 * What the statistics page shows, from the BFF's figures (SPEC C9): the default range, the
 * series of the trend chart, the scans by place type over the range. Pure: unit-tested.
 */
import { addDays, type StatsRange, type VenueType } from '@yima/shared';

/** The five place types, in the order the charts and the BFF's answer list them. */
export const PLACE_TYPES: readonly VenueType[] = ['community', 'unit', 'station', 'checkpoint', 'public'];

/** The shortcuts the page offers, in days. */
export const PRESETS = [7, 30, 92] as const;
export const DEFAULT_DAYS = 14;

/** The `n` days up to and including `today`. */
export const lastDays = (today: string, n: number) => ({ from: addDays(today, -(n - 1)), to: today });

/** `2026-11-22` → `11-22`: the x axis has room for little more. */
export const shortDay = (day: string) => day.slice(5);

export interface TrendSeries {
  key: 'registrations' | 'checkins' | 'activeUsers';
  values: number[];
}

/** Registrations, check-ins and active people, day by day. */
export function trend(range: StatsRange): { labels: string[]; series: TrendSeries[] } {
  const keys = ['registrations', 'checkins', 'activeUsers'] as const;
  return { labels: range.days.map((d) => shortDay(d.date)), series: keys.map((key) => ({ key, values: range.days.map((d) => d[key]) })) };
}

/** Scans over the whole range, by place type. */
export function scansByType(range: StatsRange): { type: VenueType; scans: number; staffScans: number }[] {
  return PLACE_TYPES.map((type) => ({
    type,
    scans: range.days.reduce((sum, d) => sum + d.scans[type], 0),
    staffScans: range.days.reduce((sum, d) => sum + d.staffScans[type], 0),
  }));
}

/** Every scan of a day, whatever the place. */
export const totalScans = (day: StatsRange['days'][number], which: 'scans' | 'staffScans' = 'scans') => PLACE_TYPES.reduce((sum, t) => sum + day[which][t], 0);

/** Whether anything at all was counted in the range (the page says so when not). */
export const anythingCounted = (range: StatsRange) => range.days.some((d) => d.registrations + d.checkins + d.activeUsers + totalScans(d) > 0);
