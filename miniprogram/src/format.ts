/**
 * Date and time as shown on screens: always China time (UTC+8, no daylight saving), whatever
 * the device's zone — the ticking clock, when a QR was made, when data is from, when a mark
 * was set, the colour history — so a guard never sees two clocks disagree on one screen.
 * Computed by hand so no platform's Intl time-zone support is needed.
 */
import type { Locale } from '@yima/shared';

const pad = (n: number) => String(n).padStart(2, '0');
const CST_OFFSET_MS = 8 * 3600_000;
const EN_MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

/** The wall clock in China at `d`: read its fields with the getUTC* methods. */
const chinaWall = (d: Date) => new Date(d.getTime() + CST_OFFSET_MS);

/** China time as `HH:mm:ss`. */
export function formatTime(d: Date): string {
  const w = chinaWall(d);
  return `${pad(w.getUTCHours())}:${pad(w.getUTCMinutes())}:${pad(w.getUTCSeconds())}`;
}

/** China time as `YYYY-MM-DD HH:mm:ss`. */
export function formatDateTime(d: Date): string {
  const w = chinaWall(d);
  return `${w.getUTCFullYear()}-${pad(w.getUTCMonth() + 1)}-${pad(w.getUTCDate())} ${formatTime(d)}`;
}
/** Days since the epoch of the calendar date in China at `d`. */
const chinaDay = (d: Date) => Math.floor(chinaWall(d).getTime() / 86400_000);

/** China time as `YYYY-MM-DD HH:mm`. */
export function formatChinaDateTime(d: Date): string {
  const w = chinaWall(d);
  return `${w.getUTCFullYear()}-${pad(w.getUTCMonth() + 1)}-${pad(w.getUTCDate())} ${pad(w.getUTCHours())}:${pad(w.getUTCMinutes())}`;
}

/**
 * China time relative to `now`, for "data as of …": "今天 16:00" / "16:00 today", "昨天 16:00" /
 * "16:00 yesterday", else the date ("11月20日 16:00" / "20 Nov 16:00", with the year when it is
 * not this year's).
 */
export function formatChinaRelative(d: Date, now: Date, locale: Locale): string {
  const w = chinaWall(d);
  const hm = `${pad(w.getUTCHours())}:${pad(w.getUTCMinutes())}`;
  const days = chinaDay(now) - chinaDay(d);
  if (days === 0) return locale === 'zh' ? `今天 ${hm}` : `${hm} today`;
  if (days === 1) return locale === 'zh' ? `昨天 ${hm}` : `${hm} yesterday`;
  const sameYear = chinaWall(now).getUTCFullYear() === w.getUTCFullYear();
  const year = w.getUTCFullYear();
  const month = w.getUTCMonth();
  const day = w.getUTCDate();
  if (locale === 'zh') return `${sameYear ? '' : `${year}年`}${month + 1}月${day}日 ${hm}`;
  return `${day} ${EN_MONTHS[month]}${sameYear ? '' : ` ${year}`} ${hm}`;
}

/**
 * A China calendar day (`YYYY-MM-DD`, as the BFF answers dates such as when a held colour turns
 * green): "11月30日" / "30 Nov", with the year when it is not the year of `now` in China.
 */
export function formatChinaDay(day: string, now: Date, locale: Locale): string {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(day);
  if (!m) return day;
  const [year, month, date] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const sameYear = chinaWall(now).getUTCFullYear() === year;
  if (locale === 'zh') return `${sameYear ? '' : `${year}年`}${month}月${date}日`;
  return `${date} ${EN_MONTHS[month - 1] ?? ''}${sameYear ? '' : ` ${year}`}`;
}
