/** Dates as residents see them: China Standard Time (UTC+8, no daylight saving). */
const CST_OFFSET_MS = 8 * 3600_000;

/** The calendar date in China at `now`, as YYYY-MM-DD. */
export function chinaDate(now: Date): string {
  return new Date(now.getTime() + CST_OFFSET_MS).toISOString().slice(0, 10);
}

const DAY_MS = 86_400_000;

/** The next midnight in China after `t` (epoch ms), as epoch ms: when `chinaDate` moves on. */
export function nextChinaMidnight(t: number): number {
  return Math.floor((t + CST_OFFSET_MS) / DAY_MS + 1) * DAY_MS - CST_OFFSET_MS;
}
