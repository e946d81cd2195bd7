import { evaluateCheckin, type CheckinRequest } from '@yima/shared';
import { describe, expect, it } from 'vitest';
import { checkinStatus } from './checkinStatus';

const H = 3600_000;
const NOW = new Date('2026-11-28T10:00:00+08:00');
const ago = (hours: number) => new Date(NOW.getTime() - hours * H);
const ANSWERS: CheckinRequest = {
  temperature: 'normal',
  symptoms: [],
  visitedAreas: [],
  contact: 'none',
  address: { district: '110105', detail: '幸福路 1 号' },
};
/** As the merge evaluates it: the check-in rules at NOW. */
const statusAfter = (hours: number | null) =>
  checkinStatus(evaluateCheckin(hours === null ? null : { answers: ANSWERS, checkedInAt: ago(hours) }, [], NOW), NOW);

describe('where a resident’s check-in stands', () => {
  it('when they never checked in, then overdue with no count of days', () => {
    expect(statusAfter(null)).toEqual({ lastAt: null, today: false, overdue: true, overdueDays: null });
  });

  it.each([
    // hours ago, today (China day of 10:00), overdue, days overdue
    [1, true, false, 0],
    [10, true, false, 0],
    [11, false, false, 0], // 23:00 yesterday
    [71, false, false, 0],
    [72, false, true, 1], // due this very moment: the first day overdue
    [72 + 23, false, true, 1],
    [72 + 24, false, true, 1],
    [72 + 25, false, true, 2],
    [72 + 24 * 10, false, true, 10],
  ])('checked in %i h ago: today %s, overdue %s, %i days overdue', (hours, today, overdue, days) => {
    expect(statusAfter(hours)).toEqual({ lastAt: ago(hours).toISOString(), today, overdue, overdueDays: days });
  });
});
