import type { Clock } from '@yima/bff/src/clock';

/** A clock tests move by hand: no sleeping to cross a 5-minute or 3-day boundary. */
export class FakeClock implements Clock {
  private t: number;
  private readonly start: number;
  constructor(start = '2026-11-22T08:00:00.000Z') {
    this.start = Date.parse(start);
    this.t = this.start;
  }
  /** Back to the start. Time going backwards also makes the app's in-memory caches reload. */
  reset(): void {
    this.t = this.start;
  }
  now(): Date {
    return new Date(this.t);
  }
  advance(ms: number): void {
    this.t += ms;
  }
}
