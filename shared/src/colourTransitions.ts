/**
 * How check-ins move a person's colour over time (issue 12): a check-in can raise the colour
 * at once, but a self-declared yellow or red is not talked down by the next form. It is
 * lowered only after a run of consecutive days with a healthy check-in — 7 for yellow, 14 for
 * red by default (seed 001: cities turned red codes green after 14 days, yellow after 7) — or
 * by an approved conversion request (转码). Authority marks and provincial states are other
 * sources (mergePolicy.ts) and never lowered here.
 *
 * The state is small and stored per person (the hold), so the rule is a fold over check-ins:
 * `afterCheckin(hold, evaluated, at)`. Pure: no clock, no I/O.
 */
import { SEVERITY, type Color } from './color';
import type { ReasonCode } from './reasons';
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
  /** When the colour was last raised to (or confirmed at) this level. */
  since: Date;
  /** The current run of consecutive days with a healthy check-in after `since`'s day
   * (China dates, YYYY-MM-DD), or null when there is none. */
  runFrom: string | null;
  runTo: string | null;
}

/** What a check-in did to the hold, for the colour history. */
export type HoldChange = 'raised' | 'lowered' | 'kept' | 'none';

const DAY_MS = 86_400_000;

/** The China date `days` after `date` (YYYY-MM-DD). */
export function addDays(date: string, days: number): string {
  return new Date(Date.parse(`${date}T00:00:00Z`) + days * DAY_MS).toISOString().slice(0, 10);
}

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
    // Yellow while red is held: red stays, but the healthy run is broken.
    return { hold: { ...hold, runFrom: null, runTo: null }, change: 'kept' };
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

/** An approved conversion request clears what check-ins hold. */
export function afterConversion(): { hold: null; change: 'lowered' } {
  return { hold: null, change: 'lowered' };
}

/** What the code page says about a hold at `now`: the healthy days so far, how many are
 * needed, and the day it turns green if the person checks in healthy every day from today. */
export function holdOutlook(
  hold: CheckinHold,
  now: Date,
  policy: TransitionPolicy = DEFAULT_TRANSITIONS,
): { healthyDays: number; needed: number; greenOn: string } {
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
