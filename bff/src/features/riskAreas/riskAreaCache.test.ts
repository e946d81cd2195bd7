import pino from 'pino';
import { describe, expect, it } from 'vitest';
import { Writable } from 'node:stream';
import { createRiskAreaCache } from './riskAreaCache';
import type { RiskAreaRow, RiskAreasRepo } from './riskAreasRepo';

const AREA = { id: '1' } as unknown as RiskAreaRow;

/** A repo whose answers the test sets, counting its loads. */
function fakeRepo() {
  const repo = {
    loads: 0,
    next: (): Promise<RiskAreaRow[]> => Promise.resolve([AREA]),
    relevantSince() {
      repo.loads++;
      return repo.next();
    },
  };
  return repo;
}

function capture() {
  const lines: string[] = [];
  const logger = pino(
    { level: 'info' },
    new Writable({
      write(chunk, _enc, done) {
        lines.push(String(chunk));
        done();
      },
    }),
  );
  return { logger, lines };
}

describe('the risk-area cache when MariaDB fails', () => {
  it('when a reload fails after a good load, then the last list is answered and marked stale, logged once, and fresh again once a reload succeeds', async () => {
    let now = Date.parse('2026-11-22T08:00:00Z');
    const repo = fakeRepo();
    const { logger, lines } = capture();
    const cache = createRiskAreaCache(repo as unknown as RiskAreasRepo, { now: () => new Date(now) }, { logger, maxAgeMs: 5000 });
    expect(await cache.current()).toEqual([AREA]);
    expect(cache.staleSince()).toBeNull();

    repo.next = () => Promise.reject(new Error('mysql: no answer within 600 ms'));
    now += 6000;
    expect(await cache.current()).toEqual([AREA]);
    expect(await cache.current()).toEqual([AREA]);
    expect(cache.staleSince()?.toISOString()).toBe('2026-11-22T08:00:00.000Z');
    expect(lines.filter((l) => l.includes('could not be reloaded'))).toHaveLength(1);
    expect(lines[0]).toContain('"ageMs":6000');

    // While failing, requests do not wait for reloads; a change made here asks for one at once.
    repo.next = () => Promise.resolve([]);
    cache.invalidate();
    await cache.current(); // answers the stale list, starts the reload
    await new Promise((resolve) => setImmediate(resolve));
    expect(await cache.current()).toEqual([]);
    expect(cache.staleSince()).toBeNull();
    expect(lines.some((l) => l.includes('fresh again'))).toBe(true);
  });

  it('when nothing was ever loaded, then the failure reaches the caller (there is nothing to fall back on)', async () => {
    const repo = fakeRepo();
    repo.next = () => Promise.reject(new Error('down'));
    const cache = createRiskAreaCache(repo as unknown as RiskAreasRepo, { now: () => new Date() });
    await expect(cache.current()).rejects.toThrow('down');
    expect(cache.staleSince()).toBeNull();
  });
});
