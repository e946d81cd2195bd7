/**
 * Timing of a place's entrance screen (rotating place codes): the BFF answers the code of the
 * current 30-second step, with `expiresAt` (the step's end) and `refreshAfterSeconds`. A visit
 * carries a token of the current or the previous step, so a code stays usable one step past
 * its `expiresAt`; the screen fetches again just after the step ends, and at the latest every
 * `refreshAfterSeconds`. Pure: pass `now`.
 */

/** After the step ends, wait this much more so the BFF is surely on the next step. */
export const PAST_STEP_MS = 500;
/** Never fetch more often than this (a device clock ahead of the BFF's would otherwise spin). */
export const MIN_REFRESH_MS = 2000;

/** Milliseconds until the screen should fetch its next code. */
export function nextRefreshMs(expiresAt: string, refreshAfterSeconds: number, now: Date): number {
  const cap = Math.max(refreshAfterSeconds, 1) * 1000;
  const until = Date.parse(expiresAt) - now.getTime() + PAST_STEP_MS;
  if (!Number.isFinite(until)) return cap;
  return Math.min(cap, Math.max(MIN_REFRESH_MS, until));
}

/** Whole seconds left until `expiresAt` (0 once passed): the screen's countdown. */
export function secondsLeft(expiresAt: string, now: Date): number {
  const ms = Date.parse(expiresAt) - now.getTime();
  return Number.isFinite(ms) && ms > 0 ? Math.ceil(ms / 1000) : 0;
}

/** True once the code is past the step after its own: no visit would accept it any more. */
export function codeStale(expiresAt: string, refreshAfterSeconds: number, now: Date): boolean {
  const at = Date.parse(expiresAt);
  return Number.isFinite(at) && now.getTime() >= at + Math.max(refreshAfterSeconds, 1) * 1000;
}
