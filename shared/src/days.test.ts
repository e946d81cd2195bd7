import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { addDays, dayCount, dayRangeProblem, daysOf, isDay, STATS_MAX_DAYS } from './days';

describe('days', () => {
  it.each([
    ['2026-11-22', true],
    ['2024-02-29', true],
    ['2026-02-29', false],
    ['2026-02-30', false],
    ['2026-13-01', false],
    ['2026-00-10', false],
    ['2026-1-05', false],
    ['20261122', false],
    ['2026-11-22T00:00', false],
    [' 2026-11-22', false],
    ['1999-12-31', false],
    ['2100-01-01', false],
    ['', false],
  ])('isDay(%j) is %s', (value, ok) => {
    expect(isDay(value)).toBe(ok);
  });

  it('when days are added across a month, a year and a leap day, then the calendar is followed', () => {
    expect(addDays('2026-11-30', 1)).toBe('2026-12-01');
    expect(addDays('2026-12-31', 1)).toBe('2027-01-01');
    expect(addDays('2024-03-01', -1)).toBe('2024-02-29');
    expect(daysOf('2026-02-27', '2026-03-02')).toEqual(['2026-02-27', '2026-02-28', '2026-03-01', '2026-03-02']);
    expect(dayCount('2026-11-22', '2026-11-22')).toBe(1);
    expect(dayCount('2026-11-23', '2026-11-22')).toBe(0);
  });

  it.each([
    ['a good range', '2026-11-01', '2026-11-22', null],
    ['one day', '2026-11-22', '2026-11-22', null],
    ['exactly the longest range', '2026-01-01', addDays('2026-01-01', STATS_MAX_DAYS - 1), null],
    ['one day too many', '2026-01-01', addDays('2026-01-01', STATS_MAX_DAYS), 'DATE_RANGE_TOO_LONG'],
    ['a year', '2025-01-01', '2025-12-31', 'DATE_RANGE_TOO_LONG'],
    ['the start after the end', '2026-11-22', '2026-11-21', 'INVALID_DATE_RANGE'],
    ['an impossible start', '2026-02-30', '2026-03-01', 'INVALID_DATE'],
    ['an end that is no date', '2026-11-01', 'today', 'INVALID_DATE'],
  ])('when asked for %s, then the problem is %s', (_case, from, to, problem) => {
    expect(dayRangeProblem(from, to)).toBe(problem);
  });

  it('when any day has n days added and taken away, then it is the same day, and the range between counts n + 1 days', () => {
    const day = fc
      .date({ min: new Date('2000-01-01T00:00:00Z'), max: new Date('2099-06-30T00:00:00Z'), noInvalidDate: true })
      .map((d) => d.toISOString().slice(0, 10));
    fc.assert(
      fc.property(day, fc.integer({ min: 0, max: 150 }), (d, n) => {
        const later = addDays(d, n);
        expect(isDay(later)).toBe(true);
        expect(addDays(later, -n)).toBe(d);
        expect(dayCount(d, later)).toBe(n + 1);
        expect(dayRangeProblem(d, later)).toBe(n + 1 > STATS_MAX_DAYS ? 'DATE_RANGE_TOO_LONG' : null);
      }),
    );
  });
});
