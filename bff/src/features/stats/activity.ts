/**
 * Active people from the busiest route (docs/decisions/0020-statistics.md). `GET /api/me/code`
 * may add no Redis or MySQL round trip, so a shown code is only remembered here, in memory
 * (a Set add), and every few seconds the people seen are written in batches: INSERT IGNORE into
 * the day's active people, and the rows that were new added to `activeUsers`, in one
 * transaction (counters.ts). Scans and visits need none of this: their people are marked in
 * the visit drainer's batch, as durable as the visits.
 *
 * What a crash can lose: the marks of the last flush interval (FLUSH_MS) not yet written — a
 * person who only opened their code in those seconds and did nothing else that day is not
 * counted. Never a count of anything acknowledged (registrations, check-ins, scans).
 * A stop (SIGTERM) flushes first.
 */
import type { Logger } from 'pino';
import { chinaDate } from '@yima/shared';
import type { Db } from '../../db/pool';
import { inTransaction, lostRace, RACE_ATTEMPTS } from '../../db/transaction';
import { createLocalCache } from '../../cache/localCache';
import { count, markActive } from './counters';

const FLUSH_MS = 5000;
/** People per statement and transaction. */
const BATCH = 2000;
/** Marks waiting at most: a database down for long drops the excess (counted, logged) rather
 * than growing without bound. */
const MAX_PENDING = 200_000;
/** People already written today by this process: not written again each time their page
 * refreshes its code. Bounded: past it, a repeat is one more ignored row. */
const WRITTEN_MAX = 200_000;
const WRITTEN_TTL_MS = 26 * 3600_000;
const SEEN = {};

export interface Activity {
  /** A code was shown to (or for) this person at `at`: remembered, no I/O, never throws. */
  shown(personId: string, at: Date): void;
  /** Starts the periodic flush (the app's background work). */
  start(): void;
  /** Writes every mark remembered so far; resolves when they are committed (tests, stop). */
  flush(): Promise<void>;
  /** Stops the timer and flushes. */
  stop(): Promise<void>;
  /** Forgets who was written already (tests empty the tables under it). */
  forget(): void;
}

export function createActivity(d: { db: Db; logger: Logger; everyMs?: number }): Activity {
  let pending = new Map<string, Set<string>>();
  let size = 0;
  let dropped = 0;
  const written = createLocalCache<object>(WRITTEN_TTL_MS, WRITTEN_MAX);
  let timer: NodeJS.Timeout | undefined;
  let flushing: Promise<void> = Promise.resolve();
  // The China day of the last mark and the span of instants it covers: most marks fall in it,
  // so the day is not formatted per request.
  let day = '';
  let dayFrom = 0;
  let dayTo = -1;

  function dayOf(at: Date): string {
    const t = at.getTime();
    if (t >= dayFrom && t <= dayTo) return day;
    day = chinaDate(at);
    dayFrom = Date.parse(`${day}T00:00:00+08:00`);
    dayTo = dayFrom + 86400_000 - 1;
    return day;
  }

  function remember(onDay: string, personId: string): void {
    let people = pending.get(onDay);
    if (!people) pending.set(onDay, (people = new Set()));
    if (people.has(personId)) return;
    if (size >= MAX_PENDING) {
      dropped += 1;
      return;
    }
    people.add(personId);
    size += 1;
  }

  async function write(onDay: string, ids: string[]): Promise<void> {
    for (let attempt = 1; ; attempt++) {
      try {
        await inTransaction(d.db, async (conn) =>
          count(
            conn,
            await markActive(
              conn,
              ids.map((personId) => ({ day: onDay, personId })),
            ),
          ),
        );
        return;
      } catch (err) {
        if (lostRace(err) && attempt < RACE_ATTEMPTS) continue;
        throw err;
      }
    }
  }

  async function flushNow(): Promise<void> {
    if (dropped) {
      d.logger.warn({ dropped }, 'active people: marks dropped while the database was behind');
      dropped = 0;
    }
    if (!size) return;
    const taken = pending;
    pending = new Map();
    size = 0;
    for (const [onDay, people] of taken) {
      const ids = [...people];
      for (let i = 0; i < ids.length; i += BATCH) {
        const batch = ids.slice(i, i + BATCH);
        try {
          await write(onDay, batch);
          for (const id of batch) written.set(`${onDay}|${id}`, SEEN);
        } catch (err) {
          // Kept for the next flush: a mark is only lost with the process.
          for (const id of batch) remember(onDay, id);
          d.logger.warn({ reason: (err as Error).message, people: batch.length }, 'active people: could not write; will retry');
        }
      }
    }
  }

  const flush = (): Promise<void> => (flushing = flushing.then(flushNow, flushNow));

  return {
    shown(personId, at) {
      const onDay = dayOf(at);
      if (written.get(`${onDay}|${personId}`) === undefined) remember(onDay, personId);
    },
    start() {
      timer ??= setInterval(() => void flush(), d.everyMs ?? FLUSH_MS).unref();
    },
    flush,
    async stop() {
      clearInterval(timer);
      timer = undefined;
      await flush();
    },
    forget: () => written.clear(),
  };
}
