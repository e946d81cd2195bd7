import type { StatsRange } from '@yima/shared';
import { describe, expect, it } from 'vitest';
import { anythingCounted, lastDays, scansByType, shortDay, totalScans, trend } from './statsView';

const zeros = { community: 0, unit: 0, station: 0, checkpoint: 0, public: 0 };
const day = (date: string, over: Partial<StatsRange['days'][number]> = {}) => ({
  date,
  registrations: 0,
  activeUsers: 0,
  checkins: 0,
  checkinsByRelatives: 0,
  scans: zeros,
  staffScans: zeros,
  conversions: { approved: 0, rejected: 0, forwarded: 0, referred: 0 },
  ...over,
});

describe('the statistics page', () => {
  it('when it opens, then the range is the last n days up to today, across a month', () => {
    expect(lastDays('2026-12-03', 7)).toEqual({ from: '2026-11-27', to: '2026-12-03' });
    expect(lastDays('2026-11-22', 1)).toEqual({ from: '2026-11-22', to: '2026-11-22' });
    expect(shortDay('2026-11-22')).toBe('11-22');
  });

  it('when figures arrive, then the trend has a value per day per series and the bars add each type over the range', () => {
    const range: StatsRange = {
      from: '2026-11-21',
      to: '2026-11-22',
      days: [
        day('2026-11-21', { registrations: 3, checkins: 5, activeUsers: 8, scans: { ...zeros, community: 4 }, staffScans: { ...zeros, community: 1 } }),
        day('2026-11-22', { registrations: 1, checkins: 2, activeUsers: 6, scans: { ...zeros, community: 2, public: 7 } }),
      ],
    };
    expect(trend(range)).toEqual({
      labels: ['11-21', '11-22'],
      series: [
        { key: 'registrations', values: [3, 1] },
        { key: 'checkins', values: [5, 2] },
        { key: 'activeUsers', values: [8, 6] },
      ],
    });
    expect(scansByType(range)).toEqual([
      { type: 'community', scans: 6, staffScans: 1 },
      { type: 'unit', scans: 0, staffScans: 0 },
      { type: 'station', scans: 0, staffScans: 0 },
      { type: 'checkpoint', scans: 0, staffScans: 0 },
      { type: 'public', scans: 7, staffScans: 0 },
    ]);
    expect(totalScans(range.days[1])).toBe(9);
    expect(anythingCounted(range)).toBe(true);
    expect(anythingCounted({ ...range, days: [day('2026-11-21')] })).toBe(false);
  });
});
