import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Color } from './color';
import { afterCheckin, afterConversion, afterLaterFindings, DEFAULT_TRANSITIONS, holdOutlook, withHold, type CheckinHold } from './colourTransitions';
import { addDays } from './days';
import type { ReasonCode } from './reasons';

/** 09:00 in China on `day` days after 2026-11-01, plus `minutes`. */
const at = (day: number, minutes = 0) => new Date(Date.parse('2026-11-01T09:00:00+08:00') + day * 86_400_000 + minutes * 60_000);
const GREEN = { color: 'green' as Color, reasons: ['CHECKIN_OK'] as ReasonCode[] };
const YELLOW = { color: 'yellow' as Color, reasons: ['FEVER'] as ReasonCode[] };
const RED = { color: 'red' as Color, reasons: ['CONTACT_CONFIRMED'] as ReasonCode[] };

/** Folds check-ins [day, evaluated] from no hold. */
function fold(checkins: [number, { color: Color; reasons: ReasonCode[] }][], start: CheckinHold | null = null) {
  let hold = start;
  const changes: string[] = [];
  for (const [day, evaluated] of checkins) {
    const r = afterCheckin(hold, evaluated, at(day));
    hold = r.hold;
    changes.push(r.change);
  }
  return { hold, changes };
}

const healthyDays = (from: number, count: number) => Array.from({ length: count }, (_, i) => [from + i, GREEN] as [number, typeof GREEN]);

describe('colour transitions (worked examples)', () => {
  it('a red declaration re-submitted as healthy the same minute stays red (the exploit of issue 12)', () => {
    let r = afterCheckin(null, RED, at(0));
    expect(r).toMatchObject({ change: 'raised', hold: { color: 'red', reasons: ['CONTACT_CONFIRMED'] } });
    r = afterCheckin(r.hold, GREEN, at(0, 1));
    expect(r.change).toBe('none');
    expect(r.hold?.color).toBe('red');
  });

  it.each([
    // [what, check-ins, held colour after]
    ['yellow, then 6 healthy days: still yellow', [[0, YELLOW], ...healthyDays(1, 6)], 'yellow'],
    ['yellow, then 7 healthy days: green', [[0, YELLOW], ...healthyDays(1, 7)], null],
    ['red, then 7 healthy days: still red (no stop at yellow)', [[0, RED], ...healthyDays(1, 7)], 'red'],
    ['red, then 13 healthy days: still red', [[0, RED], ...healthyDays(1, 13)], 'red'],
    ['red, then 14 healthy days: green', [[0, RED], ...healthyDays(1, 14)], null],
    ['yellow, 6 healthy days, a missed day, 6 more: yellow (the run restarts)', [[0, YELLOW], ...healthyDays(1, 6), ...healthyDays(8, 6)], 'yellow'],
    [
      'yellow, 3 healthy, yellow again, 6 healthy: yellow (the wait starts over)',
      [[0, YELLOW], ...healthyDays(1, 3), [4, YELLOW], ...healthyDays(5, 6)],
      'yellow',
    ],
    ['red, 10 healthy, a yellow day, 13 healthy: red', [[0, RED], ...healthyDays(1, 10), [11, YELLOW], ...healthyDays(12, 13)], 'red'],
    [
      'yellow then red the next day: red at once',
      [
        [0, YELLOW],
        [1, RED],
      ],
      'red',
    ],
    ['healthy only: nothing held', healthyDays(0, 5), null],
  ] as [string, [number, { color: Color; reasons: ReasonCode[] }][], string | null][])('%s', (_what, checkins, held) => {
    expect(fold(checkins).hold?.color ?? null).toBe(held);
  });

  it('says lowered on the check-in that completes the run, kept before it', () => {
    const { changes } = fold([[0, YELLOW], ...healthyDays(1, 7)]);
    expect(changes).toEqual(['raised', 'kept', 'kept', 'kept', 'kept', 'kept', 'kept', 'lowered']);
  });

  it('a second healthy check-in on the same day counts once', () => {
    const once = fold([[0, YELLOW], ...healthyDays(1, 3)]).hold;
    const twice = afterCheckin(once, GREEN, at(3, 60)).hold;
    expect(twice).toEqual(once);
  });

  it('a yellow form while red is held spoils its day: a healthy form later that day does not count', () => {
    const held = fold([[0, RED], ...healthyDays(1, 4)]).hold;
    let r = afterCheckin(held, YELLOW, at(5));
    expect(r).toMatchObject({ change: 'kept', hold: { color: 'red', reasons: ['CONTACT_CONFIRMED'], runFrom: null, runTo: null } });
    r = afterCheckin(r.hold, GREEN, at(5, 30));
    expect(r.change).toBe('none');
    // The run starts again the next day and needs the full 14.
    const after = fold(healthyDays(6, 13), r.hold);
    expect(after.hold?.color).toBe('red');
    expect(afterCheckin(after.hold, GREEN, at(19)).hold).toBeNull();
  });

  it('an approved conversion clears the hold; a later declaration raises again', () => {
    const held = fold([[0, RED]]).hold;
    expect(held).not.toBeNull();
    expect(afterConversion()).toEqual({ hold: null, change: 'lowered' });
    expect(afterCheckin(afterConversion().hold, YELLOW, at(1)).hold?.color).toBe('yellow');
  });

  it('the custom policy lengths are honoured', () => {
    const policy = { yellowDays: 2, redDays: 3 };
    let h = afterCheckin(null, RED, at(0), policy).hold;
    h = afterCheckin(h, GREEN, at(1), policy).hold;
    h = afterCheckin(h, GREEN, at(2), policy).hold;
    expect(h?.color).toBe('red');
    expect(afterCheckin(h, GREEN, at(3), policy).hold).toBeNull();
  });
});

describe('afterLaterFindings: what a check-in says once a place it named turned risky', () => {
  it('raises when the answers re-evaluated now are worse than when filed', () => {
    const r = afterLaterFindings(null, { color: 'green' }, { color: 'red', reasons: ['HIGH_RISK_AREA'] }, at(2));
    expect(r).toMatchObject({ change: 'raised', hold: { color: 'red', reasons: ['HIGH_RISK_AREA'], since: at(2) } });
  });
  it('changes nothing when they are not worse (the filed colour is already in the hold)', () => {
    const held = fold([[0, RED], ...healthyDays(1, 3)]).hold;
    expect(afterLaterFindings(held, { color: 'red' }, RED, at(4))).toEqual({ hold: held, change: 'none' });
    expect(afterLaterFindings(null, { color: 'yellow' }, YELLOW, at(4))).toEqual({ hold: null, change: 'none' });
  });
  it('restarts a red wait when a healthy day turns out to have named a high-risk area', () => {
    const held = fold([[0, RED], ...healthyDays(1, 5)]).hold;
    const r = afterLaterFindings(held, { color: 'green' }, { color: 'red', reasons: ['HIGH_RISK_AREA'] }, at(6));
    expect(r.hold).toMatchObject({ color: 'red', since: at(6), runFrom: null });
    expect(r.hold?.reasons).toEqual(['CONTACT_CONFIRMED', 'HIGH_RISK_AREA']);
  });
});

describe('withHold: the check-in source with the hold', () => {
  const ok = { color: 'green' as Color, reasons: ['CHECKIN_OK'] as ReasonCode[] };
  it('is the latest check-in when nothing is held, or the hold is not more severe', () => {
    expect(withHold(ok, null, at(0))).toEqual({ color: 'green', reasons: ['CHECKIN_OK'], outlook: null });
    const red = fold([[0, RED]]).hold;
    expect(withHold(RED, red, at(0, 1))).toEqual({ color: 'red', reasons: ['CONTACT_CONFIRMED'], outlook: null });
  });
  it('is the hold, its reasons and CHECKIN_HELD with when it ends, when the hold is more severe', () => {
    const red = fold([[0, RED], ...healthyDays(1, 2)]).hold;
    expect(withHold(ok, red, at(2, 5))).toEqual({
      color: 'red',
      reasons: ['CONTACT_CONFIRMED', 'CHECKIN_HELD'],
      outlook: { healthyDays: 2, needed: 14, greenOn: addDays('2026-11-01', 14) },
    });
    // An overdue check-in reads yellow; the held red is still more severe.
    expect(withHold({ color: 'yellow', reasons: ['CHECKIN_OVERDUE'] }, red, at(9)).color).toBe('red');
  });
});

describe('holdOutlook: when it turns green if the person keeps checking in', () => {
  const day = (n: number) => addDays('2026-11-01', n);
  it('the day of a red declaration: green after 14 check-ins from tomorrow', () => {
    const hold = fold([[0, RED]]).hold as CheckinHold;
    expect(holdOutlook(hold, at(0, 5))).toEqual({ healthyDays: 0, needed: 14, greenOn: day(14) });
  });
  it('after 3 healthy days, checked in today', () => {
    const hold = fold([[0, YELLOW], ...healthyDays(1, 3)]).hold as CheckinHold;
    expect(holdOutlook(hold, at(3, 5))).toEqual({ healthyDays: 3, needed: 7, greenOn: day(7) });
  });
  it('after 3 healthy days, not yet checked in today', () => {
    const hold = fold([[0, YELLOW], ...healthyDays(1, 3)]).hold as CheckinHold;
    expect(holdOutlook(hold, at(4, -60))).toEqual({ healthyDays: 3, needed: 7, greenOn: day(7) });
  });
  it('a missed day starts the count over from today', () => {
    const hold = fold([[0, YELLOW], ...healthyDays(1, 3)]).hold as CheckinHold;
    expect(holdOutlook(hold, at(6))).toEqual({ healthyDays: 0, needed: 7, greenOn: day(12) });
  });
});

describe('colour transitions (properties)', () => {
  const evaluated = fc.constantFrom(GREEN, YELLOW, RED);
  // Check-ins as (day offset, minutes into the day, evaluation), in time order.
  const history = fc
    .array(fc.tuple(fc.integer({ min: 0, max: 40 }), fc.integer({ min: 0, max: 600 }), evaluated), { maxLength: 60 })
    .map((xs) => xs.sort((a, b) => a[0] - b[0] || a[1] - b[1]));

  it('a check-in raises at once: after a yellow or red one, at least that colour is held', () => {
    fc.assert(
      fc.property(history, evaluated, (xs, last) => {
        let hold: CheckinHold | null = null;
        for (const [d, m, e] of xs) hold = afterCheckin(hold, e, at(d, m)).hold;
        const after = afterCheckin(hold, last, at(41)).hold;
        if (last.color === 'red') expect(after?.color).toBe('red');
        if (last.color === 'yellow') expect(after?.color === 'yellow' || after?.color === 'red').toBe(true);
      }),
    );
  });

  it('no sequence of check-ins lowers a raise in fewer calendar days than the policy needs', () => {
    fc.assert(
      fc.property(fc.constantFrom(YELLOW, RED), history, (raise, xs) => {
        let hold = afterCheckin(null, raise, at(0)).hold;
        const needed = raise.color === 'red' ? DEFAULT_TRANSITIONS.redDays : DEFAULT_TRANSITIONS.yellowDays;
        for (const [d, m, e] of xs) {
          const r = afterCheckin(hold, e, at(d, m));
          if (r.change === 'lowered') expect(d).toBeGreaterThanOrEqual(needed);
          hold = r.hold;
          if (!hold) break;
        }
      }),
    );
  });

  it('only green check-ins lower, and only ever to nothing held', () => {
    fc.assert(
      fc.property(history, (xs) => {
        let hold: CheckinHold | null = null;
        for (const [d, m, e] of xs) {
          const r = afterCheckin(hold, e, at(d, m));
          if (r.change === 'lowered') {
            expect(e.color).toBe('green');
            expect(r.hold).toBeNull();
          }
          if (hold && r.hold) expect(r.hold.color === 'red' || hold.color !== 'red').toBe(true);
          hold = r.hold;
        }
      }),
    );
  });
});
