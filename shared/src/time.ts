/** Dates as residents see them: China Standard Time (UTC+8, no daylight saving). */
const CST_OFFSET_MS = 8 * 3600_000;

/** The calendar date in China at `now`, as YYYY-MM-DD. */
export function chinaDate(now: Date): string {
  return new Date(now.getTime() + CST_OFFSET_MS).toISOString().slice(0, 10);
}
