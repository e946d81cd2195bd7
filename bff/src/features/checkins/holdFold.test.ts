import { describe, expect, it } from 'vitest';
import { DEFAULT_TRANSITIONS, type CheckinRequest, type RiskArea } from '@yima/shared';
import { foldSubmission, healthyRunCause } from './holdFold';

const DAY = 86_400_000;
const T0 = new Date('2026-11-22T08:00:00Z');
const at = (days: number) => new Date(T0.getTime() + days * DAY);
const answers = (over: Partial<CheckinRequest> = {}): CheckinRequest => ({
  temperature: 'normal',
  symptoms: [],
  visitedAreas: [],
  contact: 'none',
  address: { district: '440105', detail: '幸福路 1 号' },
  ...over,
});
/** 440305 turned high-risk half a day after the first check-in. */
const AREAS: RiskArea[] = [{ code: '440305', name: '南山区', level: 'high', effectiveFrom: at(0.5), effectiveTo: null }];
const GREEN = { color: 'green' as const, reasons: ['CHECKIN_OK' as const] };

describe('what a submitted check-in does to the hold', () => {
  it('when the check-in it replaces named a place declared high-risk since, then that raises first, and a healthy form the same day keeps it', () => {
    const previous = { answers: answers({ visitedAreas: ['440305'] }), checkedInAt: at(0), color: 'green' as const };
    const r = foldSubmission(null, previous, GREEN, AREAS, at(0.6), DEFAULT_TRANSITIONS);
    expect(r).toMatchObject({ change: 'raised', hold: { color: 'red', reasons: ['HIGH_RISK_AREA'], since: at(0.6) } });
  });

  it('when the check-in it replaces is overdue, then only the new form counts (a place named weeks ago is not held against it)', () => {
    const previous = { answers: answers({ visitedAreas: ['440305'] }), checkedInAt: at(-3), color: 'green' as const };
    expect(foldSubmission(null, previous, GREEN, AREAS, at(0.6), DEFAULT_TRANSITIONS)).toEqual({ hold: null, change: 'none' });
  });

  it('when nothing was learnt since, then the new form alone decides: a run day is kept, a red raises', () => {
    const previous = { answers: answers({ contact: 'confirmed' }), checkedInAt: at(0), color: 'red' as const };
    const held = foldSubmission(null, null, { color: 'red', reasons: ['CONTACT_CONFIRMED'] }, [], at(0), DEFAULT_TRANSITIONS);
    expect(held.change).toBe('raised');
    const next = foldSubmission(held.hold, previous, GREEN, [], at(1), DEFAULT_TRANSITIONS);
    expect(next).toMatchObject({ change: 'kept', hold: { color: 'red', runFrom: '2026-11-23', runTo: '2026-11-23' } });
  });

  it('names the run and its length as the cause of a lowering, by whoever filed the last check-in', () => {
    const hold = { color: 'red' as const, reasons: [], since: at(0), runFrom: null, runTo: null };
    expect(healthyRunCause(hold, false, DEFAULT_TRANSITIONS)).toEqual({
      actor: 'self-declaration',
      reasonCode: 'CHECKIN_HEALTHY_RUN',
      reasonText: '',
      reasonParams: { days: 14 },
    });
    expect(healthyRunCause({ ...hold, color: 'yellow' }, true, { yellowDays: 5, redDays: 10 })).toMatchObject({
      actor: 'relative-declaration',
      reasonParams: { days: 5 },
    });
  });
});
