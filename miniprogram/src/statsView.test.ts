import type { StatsRange } from '@yima/shared';
import { describe, expect, it } from 'vitest';
import {
  anythingCounted,
  completionRow,
  completionRows,
  conversionsByOutcome,
  lastDays,
  scansByType,
  shortDay,
  totalConversions,
  totalScans,
  trend,
} from './statsView';

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

  it('when conversion requests were decided, then the bars add each outcome over the range and a day with only decisions counts as something', () => {
    const range: StatsRange = {
      from: '2026-11-21',
      to: '2026-11-22',
      days: [
        day('2026-11-21', { conversions: { approved: 2, rejected: 1, forwarded: 0, referred: 3 } }),
        day('2026-11-22', { conversions: { approved: 4, rejected: 0, forwarded: 1, referred: 0 } }),
      ],
    };
    expect(conversionsByOutcome(range)).toEqual([
      { outcome: 'approved', count: 6 },
      { outcome: 'rejected', count: 1 },
      { outcome: 'forwarded', count: 1 },
      { outcome: 'referred', count: 3 },
    ]);
    expect(totalConversions(range.days[0])).toBe(6);
    expect(anythingCounted({ ...range, days: [range.days[1]] })).toBe(true);
  });
});

describe('check-in completion by grid', () => {
  const grid = (code: string, residents: number, checkedIn: number, level: 'district' | 'street' | 'community' = 'community') => ({
    code,
    name: `g${code}`,
    level,
    parent: null,
    residents,
    checkedIn,
  });
  it('when a grid has residents, then the share is rounded; nobody there is null, not 0 %; more check-ins than residents is 100 %', () => {
    expect(completionRow(grid('1', 3, 2)).percent).toBe(67);
    expect(completionRow(grid('1', 0, 0)).percent).toBeNull();
    expect(completionRow(grid('1', 2, 3)).percent).toBe(100);
    expect(completionRow(grid('1', -1, 0))).toMatchObject({ residents: 0, percent: null });
  });
  it('when listed, then least complete first and empty grids last; only grids above communities open', () => {
    const rows = completionRows({
      date: '2026-11-22',
      parent: null,
      total: { residents: 10, checkedIn: 5 },
      grids: [grid('110105', 4, 4, 'district'), grid('110106', 0, 0, 'district'), grid('110107', 6, 1, 'district')],
    });
    expect(rows.map((r) => [r.code, r.percent, r.opens])).toEqual([
      ['110107', 17, true],
      ['110105', 100, true],
      ['110106', null, true],
    ]);
  });
});
