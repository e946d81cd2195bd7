/**
 * How check-ins move a person's colour over time (issue 12): a check-in can raise the colour
 * at once, but a self-declared yellow or red is not talked down by the next form. It is
 * lowered only after a run of consecutive days with a healthy check-in — 7 for yellow, 14 for
 * red by default (seed 001: cities turned red codes green after 14 days, yellow after 7) — or
 * by an approved conversion request (转码). Authority marks and provincial states are other
 * sources (mergePolicy.ts) and never lowered here.
 *
 * The state is small and stored per person (the hold), so the rule is a fold over check-ins:
 * `afterCheckin(hold, evaluated, at)`; `withHold` gives the check-in source's colour from the
 * latest check-in and the hold. Pure: no clock, no I/O. Why: docs/decisions/0021-colour-transitions.md.
 */
import { SEVERITY, type Color } from './color';
import type { ReasonCode } from './reasons';
import { addDays } from './days';
import { chinaDate } from './time';

export interface TransitionPolicy {
  /** Consecutive healthy check-in days that lower a held yellow to green. */
  yellowDays: number;
  /** … and a held red. */
  redDays: number;
}

export const DEFAULT_TRANSITIONS: TransitionPolicy = { yellowDays: 7, redDays: 14 };

export type HeldColor = 'yellow' | 'red';

/** What check-ins have raised and not yet lowered; `null` when nothing is held. */
export interface CheckinHold {
  color: HeldColor;
  /** The reasons of the check-in(s) that raised it to this colour. */
  reasons: ReasonCode[];
  /** The last yellow or red check-in folded in: when the colour was raised to this level, or
   * confirmed at it, or a milder non-green check-in broke the run. Healthy days count only
   * after its China day, so a healthy form the same day never counts. */
  since: Date;
  /** The current run of consecutive days with a healthy check-in after `since`'s day
   * (China dates, YYYY-MM-DD), or null when there is none. */
  runFrom: string | null;
  runTo: string | null;
}

/** What a check-in did to the hold, for the colour history. */
export type HoldChange = 'raised' | 'lowered' | 'kept' | 'none';

const DAY_MS = 86_400_000;

/** Days from `from` to `to` inclusive (both YYYY-MM-DD). */
function daysInclusive(from: string, to: string): number {
  return Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / DAY_MS) + 1;
}

export function daysNeeded(color: HeldColor, policy: TransitionPolicy): number {
  return color === 'red' ? policy.redDays : policy.yellowDays;
}

/**
 * The hold after a check-in evaluated (by checkinRules.evaluateCheckin at its own time) to
 * `evaluated`. A yellow or red check-in raises (or re-confirms) at once and breaks any healthy
 * run; a green one extends the run — only on days after the raise, and only day after day —
 * and lowers the hold to nothing when the run reaches the policy's length.
 */
export function afterCheckin(
  hold: CheckinHold | null,
  evaluated: { color: Color; reasons: readonly ReasonCode[] },
  at: Date,
  policy: TransitionPolicy = DEFAULT_TRANSITIONS,
): { hold: CheckinHold | null; change: HoldChange } {
  if (evaluated.color === 'yellow' || evaluated.color === 'red') {
    const color = evaluated.color;
    if (!hold || SEVERITY[color] > SEVERITY[hold.color]) {
      return { hold: { color, reasons: [...evaluated.reasons], since: at, runFrom: null, runTo: null }, change: 'raised' };
    }
    if (color === hold.color) {
      // The same level again: the wait starts over from this declaration.
      const reasons = [...new Set([...hold.reasons, ...evaluated.reasons])];
      return { hold: { color, reasons, since: at, runFrom: null, runTo: null }, change: 'kept' };
    }
    // Yellow while red is held: red stays, and the wait starts over after this day — a
    // healthy form later the same day must not count, as after any non-green declaration.
    return { hold: { ...hold, since: at, runFrom: null, runTo: null }, change: 'kept' };
  }
  if (!hold) return { hold: null, change: 'none' };
  if (evaluated.color !== 'green') return { hold, change: 'none' };
  const day = chinaDate(at);
  // A healthy answer on the day of the raise (a re-submission of the same form) never counts.
  if (day <= chinaDate(hold.since) || day === hold.runTo) return { hold, change: 'none' };
  const continues = hold.runTo !== null && hold.runFrom !== null && addDays(hold.runTo, 1) === day;
  const runFrom = continues ? (hold.runFrom as string) : day;
  if (daysInclusive(runFrom, day) >= daysNeeded(hold.color, policy)) return { hold: null, change: 'lowered' };
  return { hold: { ...hold, runFrom, runTo: day }, change: 'kept' };
}

/**
 * What a check-in said beyond what it said when filed, folded in before the next check-in
 * replaces it as the latest. Its answers re-evaluated now (`declared`: checkinRules'
 * evaluateDeclaration, overdue aside — a missed form is not a declaration) may be worse than
 * `filed`, the colour it had when submitted: a place it named was declared a risk area
 * afterwards. The code showed that colour; without this a next form that leaves the place out
 * would talk it down.
 */
export function afterLaterFindings(
  hold: CheckinHold | null,
  filed: { color: Color },
  declared: { color: Color; reasons: readonly ReasonCode[] },
  at: Date,
  policy: TransitionPolicy = DEFAULT_TRANSITIONS,
): { hold: CheckinHold | null; change: HoldChange } {
  if (SEVERITY[declared.color] <= SEVERITY[filed.color]) return { hold, change: 'none' };
  return afterCheckin(hold, declared, at, policy);
}

/** When a held colour turns green if the person keeps checking in (holdOutlook). */
export interface HoldOutlook {
  healthyDays: number;
  needed: number;
  /** A China date, YYYY-MM-DD. */
  greenOn: string;
}

/**
 * The check-in source's colour: the latest check-in evaluated now (`latest`, with overdue and
 * risk areas declared since), or the hold when it is more severe. When the hold decides, its
 * reasons are the raising check-in's plus `CHECKIN_HELD`, and `outlook` says when it ends.
 */
export function withHold(
  latest: { color: Color; reasons: readonly ReasonCode[] },
  hold: CheckinHold | null,
  now: Date,
  policy: TransitionPolicy = DEFAULT_TRANSITIONS,
): { color: Color; reasons: ReasonCode[]; outlook: HoldOutlook | null } {
  if (!hold || SEVERITY[hold.color] <= SEVERITY[latest.color]) return { color: latest.color, reasons: [...latest.reasons], outlook: null };
  return { color: hold.color, reasons: [...hold.reasons, 'CHECKIN_HELD'], outlook: holdOutlook(hold, now, policy) };
}

/** An approved conversion request clears what check-ins hold. */
export function afterConversion(): { hold: null; change: 'lowered' } {
  return { hold: null, change: 'lowered' };
}

/** What the code page says about a hold at `now`: the healthy days so far, how many are
 * needed, and the day it turns green if the person checks in healthy every day from today. */
export function holdOutlook(hold: CheckinHold, now: Date, policy: TransitionPolicy = DEFAULT_TRANSITIONS): HoldOutlook {
  const today = chinaDate(now);
  const needed = daysNeeded(hold.color, policy);
  const alive = hold.runFrom !== null && hold.runTo !== null && (hold.runTo === today || addDays(hold.runTo, 1) === today);
  if (alive) {
    const healthyDays = daysInclusive(hold.runFrom as string, hold.runTo as string);
    // Checked in today: the next check-in is tomorrow; otherwise today's is next.
    const next = hold.runTo === today ? addDays(today, 1) : today;
    return { healthyDays, needed, greenOn: addDays(next, needed - healthyDays - 1) };
  }
  const sinceDay = chinaDate(hold.since);
  const first = sinceDay >= today ? addDays(sinceDay, 1) : today;
  return { healthyDays: 0, needed, greenOn: addDays(first, needed - 1) };
}
