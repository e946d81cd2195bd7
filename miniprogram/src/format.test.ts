import { describe, expect, it } from 'vitest';
import { formatChinaDateTime, formatChinaDay, formatChinaRelative, formatDateTime, formatTime } from './format';

describe('China-time formatting', () => {
  // 2026-11-22 10:00 in China.
  const now = new Date('2026-11-22T02:00:00Z');

  it('when a time is today or yesterday in China, then it says so, whatever the UTC date', () => {
    expect(formatChinaRelative(new Date('2026-11-22T00:30:00Z'), now, 'zh')).toBe('今天 08:30');
    expect(formatChinaRelative(new Date('2026-11-21T08:00:00Z'), now, 'zh')).toBe('昨天 16:00');
    expect(formatChinaRelative(new Date('2026-11-21T08:00:00Z'), now, 'en')).toBe('16:00 yesterday');
    // 2026-11-21 17:00 UTC is already the 22nd in China.
    expect(formatChinaRelative(new Date('2026-11-21T17:00:00Z'), now, 'en')).toBe('01:00 today');
  });

  it('when a time is older, then it gives the date, and the year only when it is another year', () => {
    expect(formatChinaRelative(new Date('2026-11-19T08:00:00Z'), now, 'zh')).toBe('11月19日 16:00');
    expect(formatChinaRelative(new Date('2026-11-19T08:00:00Z'), now, 'en')).toBe('19 Nov 16:00');
    expect(formatChinaRelative(new Date('2025-12-31T16:30:00Z'), now, 'zh')).toBe('1月1日 00:30');
    expect(formatChinaRelative(new Date('2025-12-31T15:30:00Z'), now, 'zh')).toBe('2025年12月31日 23:30');
    expect(formatChinaRelative(new Date('2025-12-31T15:30:00Z'), now, 'en')).toBe('31 Dec 2025 23:30');
  });

  it('when a day is shown (when a held colour turns green), then month and day, the year only when it is another year', () => {
    expect(formatChinaDay('2026-11-30', now, 'zh')).toBe('11月30日');
    expect(formatChinaDay('2026-11-30', now, 'en')).toBe('30 Nov');
    expect(formatChinaDay('2027-01-04', now, 'zh')).toBe('2027年1月4日');
    expect(formatChinaDay('2027-01-04', now, 'en')).toBe('4 Jan 2027');
    expect(formatChinaDay('soon', now, 'en')).toBe('soon');
  });

  it('when a full time is shown, then it is China time', () => {
    expect(formatChinaDateTime(new Date('2026-11-21T16:05:00Z'))).toBe('2026-11-22 00:05');
  });
});

describe('the clock and QR times', () => {
  it('are China time whatever the device zone, like every other time on screen', () => {
    const d = new Date('2026-11-22T17:05:09Z');
    expect(formatTime(d)).toBe('01:05:09');
    expect(formatDateTime(d)).toBe('2026-11-23 01:05:09');
  });
});
