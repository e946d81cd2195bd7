/**
 * Calendar days as `YYYY-MM-DD` (China days: see ./time.ts `chinaDate`), and the ranges of them
 * the statistics routes answer (SPEC C9). Pure: the BFF validates requests with it, the
 * statistics page builds its default range with it.
 */

/** The longest range `GET /api/stats/range` and the CSV export answer at once: a quarter. */
export const STATS_MAX_DAYS = 92;

const DAY = /^(\d{4})-(\d{2})-(\d{2})$/;
const DAY_MS = 86400_000;
/** Days outside this span are refused as typing mistakes rather than answered with zeros. */
const FIRST_YEAR = 2000;
const LAST_YEAR = 2099;

/** Midnight UTC of a day (arithmetic only: no time zone is involved in a calendar day). */
function epochOf(day: string): number | null {
  const m = DAY.exec(day);
  if (!m) return null;
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  if (y < FIRST_YEAR || y > LAST_YEAR) return null;
  const t = Date.UTC(y, mo - 1, d);
  // Date.UTC rolls 2026-02-30 over to March: a real date reads back the same.
  return new Date(t).toISOString().slice(0, 10) === day ? t : null;
}

/** Whether `value` is a real calendar date `YYYY-MM-DD` between 2000 and 2099. */
export const isDay = (value: string): boolean => epochOf(value) !== null;

/** The day `n` days after `day` (before, for negative `n`). `day` must be valid. */
export function addDays(day: string, n: number): string {
  const t = epochOf(day);
  if (t === null) throw new RangeError(`not a day: ${day}`);
  return new Date(t + n * DAY_MS).toISOString().slice(0, 10);
}

/** How many days `from` to `to` covers, both included (0 when `to` is before `from`). */
export function dayCount(from: string, to: string): number {
  const a = epochOf(from);
  const b = epochOf(to);
  if (a === null || b === null) throw new RangeError('not a day');
  return Math.max(0, Math.round((b - a) / DAY_MS) + 1);
}

/** Every day from `from` to `to`, both included. */
export function daysOf(from: string, to: string): string[] {
  return Array.from({ length: dayCount(from, to) }, (_, i) => addDays(from, i));
}

export type DayRangeProblem = 'INVALID_DATE' | 'INVALID_DATE_RANGE' | 'DATE_RANGE_TOO_LONG';

/** What is wrong with a range of days, or null: a day that is no date, a start after the
 * end, or more than `maxDays` days. */
export function dayRangeProblem(from: string, to: string, maxDays = STATS_MAX_DAYS): DayRangeProblem | null {
  if (!isDay(from) || !isDay(to)) return 'INVALID_DATE';
  if (from > to) return 'INVALID_DATE_RANGE';
  return dayCount(from, to) > maxDays ? 'DATE_RANGE_TOO_LONG' : null;
}
