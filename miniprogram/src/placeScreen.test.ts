import { describe, expect, it } from 'vitest';
import { codeStale, MIN_REFRESH_MS, nextRefreshMs, PAST_STEP_MS, secondsLeft } from './placeScreen';

const at = (iso: string) => new Date(iso);

describe('place screen timing', () => {
  it('when the step ends before refreshAfterSeconds, then the next fetch is just after the step ends', () => {
    expect(nextRefreshMs('2026-11-22T08:00:30.000Z', 30, at('2026-11-22T08:00:20.000Z'))).toBe(10_000 + PAST_STEP_MS);
  });

  it('when the code was just fetched at a step start, then it is fetched again no later than refreshAfterSeconds', () => {
    expect(nextRefreshMs('2026-11-22T08:00:30.000Z', 30, at('2026-11-22T08:00:00.000Z'))).toBe(30_000);
  });

  it('when the device clock is past expiresAt, then it still waits a little before asking again', () => {
    expect(nextRefreshMs('2026-11-22T08:00:30.000Z', 30, at('2026-11-22T08:01:00.000Z'))).toBe(MIN_REFRESH_MS);
    expect(nextRefreshMs('not a date', 30, at('2026-11-22T08:01:00.000Z'))).toBe(30_000);
  });

  it('when counting down, then it shows whole seconds left and stops at zero', () => {
    expect(secondsLeft('2026-11-22T08:00:30.000Z', at('2026-11-22T08:00:20.200Z'))).toBe(10);
    expect(secondsLeft('2026-11-22T08:00:30.000Z', at('2026-11-22T08:00:30.000Z'))).toBe(0);
    expect(secondsLeft('2026-11-22T08:00:30.000Z', at('2026-11-22T08:05:00.000Z'))).toBe(0);
  });

  it('when a step has passed since expiresAt, then the code is stale (no visit accepts it)', () => {
    expect(codeStale('2026-11-22T08:00:30.000Z', 30, at('2026-11-22T08:00:59.000Z'))).toBe(false);
    expect(codeStale('2026-11-22T08:00:30.000Z', 30, at('2026-11-22T08:01:00.000Z'))).toBe(true);
  });
});
