/**
 * What the statistics page shows, from the BFF's figures (SPEC C9): the default range, the
 * series of the trend chart, the scans by place type over the range. Pure: unit-tested.
 */
import { addDays, CONVERSION_OUTCOMES, type ConversionOutcome, type StatsGrids, type StatsRange, type VenueType } from '@yima/shared';

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

/** Conversion requests (转码申请) over the whole range, by the status they moved to. */
export function conversionsByOutcome(range: StatsRange): { outcome: ConversionOutcome; count: number }[] {
  return CONVERSION_OUTCOMES.map((outcome) => ({ outcome, count: range.days.reduce((sum, d) => sum + d.conversions[outcome], 0) }));
}

/** Every conversion decision of a day (approved, rejected, forwarded or referred). */
export const totalConversions = (day: StatsRange['days'][number]) => CONVERSION_OUTCOMES.reduce((sum, o) => sum + day.conversions[o], 0);

/** Every scan of a day, whatever the place. */
export const totalScans = (day: StatsRange['days'][number], which: 'scans' | 'staffScans' = 'scans') => PLACE_TYPES.reduce((sum, t) => sum + day[which][t], 0);

/** Whether anything at all was counted in the range (the page says so when not). */
export const anythingCounted = (range: StatsRange) =>
  range.days.some((d) => d.registrations + d.checkins + d.activeUsers + totalScans(d) + totalConversions(d) > 0);

/** One grid's row of the completion card: the share of its residents who checked in (null
 * when nobody lives there, rather than a 0 % that reads as "nobody checked in"), capped at
 * 100 % — on a past day people who checked in may have moved away since. */
export interface CompletionRow {
  code: string;
  name: string;
  residents: number;
  checkedIn: number;
  percent: number | null;
  /** Has grids beneath it to open (a community has none). */
  opens: boolean;
}

export function completionRow(g: { code: string; name: string; level: string; residents: number; checkedIn: number }): CompletionRow {
  const residents = Math.max(0, g.residents);
  return {
    code: g.code,
    name: g.name,
    residents,
    checkedIn: g.checkedIn,
    percent: residents > 0 ? Math.min(100, Math.round((g.checkedIn / residents) * 100)) : null,
    opens: g.level !== 'community',
  };
}

/** The children, least complete first: the grids a city follows up are at the top; grids with
 * nobody in them last. */
export const completionRows = (answer: StatsGrids): CompletionRow[] =>
  answer.grids.map(completionRow).sort((a, b) => (a.percent ?? 101) - (b.percent ?? 101) || (a.code < b.code ? -1 : 1));
