/**
 * Visits at city scale (SPEC C6/C7; seed 000: 2.16 million scans in a day). A visit is
 * acknowledged once it is in a Redis stream (XADD: one round trip, pipelined with everything
 * else); a drainer in every BFF process reads the stream as a consumer group and writes
 * batches of up to 2 000 rows in one multi-row insert, with the statistics' counts (scans by
 * place type, active people: features/stats) in the same transaction, then acknowledges them.
 * A process that dies keeps its claimed entries pending; another process (or itself,
 * restarted) claims them after VISIT_CLAIM_IDLE_MS and writes them again —
 * `stream_id` is unique, so a second write is a no-op. Nothing acknowledged is lost as long as
 * Redis keeps its data (production: appendonly; decision 0007).
 */
import { hostname } from 'node:os';
import { randomBytes } from 'node:crypto';
import type { Redis } from 'ioredis';
import type { Logger } from 'pino';
import { escape } from 'mysql2';
import { chinaDate, type Color, type VenueType } from '@yima/shared';
import type { ResultSetHeader, RowDataPacket } from 'mysql2/promise';
import type { Db } from '../../db/pool';
import { sqlTime } from '../../db/sqlLiterals';
import { inTransaction, lostRace } from '../../db/transaction';
import { NO_COMMAND_TIMEOUT } from '../../redis';
import { count, markActive, type ActiveMark, type Queryable, type Tally } from '../stats';
import { writeAck, type StreamAppender } from './durableAck';

const STREAM = 'yima:visits';
const GROUP = 'writers';
const BATCH = 2000;
const BLOCK_MS = 500;
/** Tries of one batch: a race with another writer or a deadlock, or a batch partly written before. */
const COMMIT_ATTEMPTS = 5;

/** Some of a batch's entries were in the table already: counted once, so written apart. */
class PartlyWritten extends Error {}

export type VisitVia = 'resident-scan' | 'staff-scan' | 'offline-scan' | 'id-lookup';

export interface Visit {
  venueId: string;
  venueType: VenueType;
  personId: string | null;
  /** The masked name, or `recognised:<issuer id>` for another region's code (recognisedHolder):
   * data, never a sentence, and never the ID number. */
  holder: string;
  color: Color;
  via: VisitVia;
  recordedBy: string | null;
  flagged: boolean;
  verifiedOffline: boolean;
  at: Date;
}

/** The visit log's holder for another region's code: its issuer, named as the merged sources
 * name it (`recognised:<issuer>`); a masked name never holds a colon (shared/src/name.ts). */
export const recognisedHolder = (issuerId: string): string => `recognised:${issuerId}`;

/** One stream field holding a compact JSON array: cheaper to write and read than ten fields. */
function encode(v: Visit): string[] {
  return [
    'v',
    JSON.stringify([v.venueId, v.venueType, v.personId, v.holder, v.color, v.via, v.recordedBy, v.flagged ? 1 : 0, v.verifiedOffline ? 1 : 0, v.at.getTime()]),
  ];
}

function decode(raw: string): Visit {
  const a = JSON.parse(raw) as [string, VenueType, string | null, string, Color, VisitVia, string | null, number, number, number];
  return {
    venueId: a[0],
    venueType: a[1],
    personId: a[2],
    holder: a[3],
    color: a[4],
    via: a[5],
    recordedBy: a[6],
    flagged: a[7] === 1,
    verifiedOffline: a[8] === 1,
    at: new Date(a[9]),
  };
}

export function createVisitLog(d: { redis: Redis; db: Db; logger: Logger; claimIdleMs: number; appender?: StreamAppender }) {
  const consumer = `${hostname()}-${process.pid}-${randomBytes(3).toString('hex')}`;
  let running = false;
  let loop: Promise<void> | null = null;
  // XREADGROUP BLOCK outlives the request path's command deadline by design; a stalled Redis
  // only stalls the drainer, which then has nothing to write anyway (decision 0027).
  const reader = d.redis.duplicate({ enableAutoPipelining: false, enableOfflineQueue: true, ...NO_COMMAND_TIMEOUT });

  async function ensureGroup(): Promise<void> {
    try {
      await d.redis.xgroup('CREATE', STREAM, GROUP, '0', 'MKSTREAM');
    } catch (err) {
      if (!String((err as Error).message).includes('BUSYGROUP')) throw err;
    }
  }

  /** A batch's visits as one multi-row INSERT IGNORE (`stream_id` is unique). */
  const insertSql = (visits: { id: string; v: Visit }[]) =>
    `INSERT IGNORE INTO visits (venue_id, person_id, holder, color, via, recorded_by, flagged, verified_offline, at, stream_id) VALUES ${visits
      .map(
        ({ id, v }) =>
          `(${escape(v.venueId)},${v.personId === null ? 'NULL' : escape(v.personId)},${escape(v.holder)},${escape(v.color)},${escape(v.via)},${v.recordedBy === null ? 'NULL' : escape(v.recordedBy)},${v.flagged ? 1 : 0},${v.verifiedOffline ? 1 : 0},${sqlTime(v.at)},${escape(id)})`,
      )
      .join(',')}`;

  /** The statistics of visits new to the table (docs/decisions/0020-statistics.md): every scan
   * by place type, those staff made, and the people active that day — in the batch's
   * transaction, so they are exactly as durable as the visits and need no write per scan. */
  async function countFresh(conn: Queryable, visits: { v: Visit }[]): Promise<void> {
    const tallies: Tally[] = [];
    const active: ActiveMark[] = [];
    for (const { v } of visits) {
      const day = chinaDate(v.at);
      tallies.push({ day, metric: 'scans', dimension: v.venueType, n: 1 });
      if (v.via !== 'resident-scan') tallies.push({ day, metric: 'staffScans', dimension: v.venueType, n: 1 });
      if (v.personId !== null) active.push({ day, personId: v.personId });
    }
    // Active people first, counters last: the lock order of stats/counters.ts.
    const newlyActive = active.length ? await markActive(conn, active) : [];
    await count(conn, [...tallies, ...newlyActive]);
  }

  /**
   * Commits a batch with its counts. Usually every entry is new. One written before (its batch
   * committed, then the process died before XACK, and the entries were claimed again, maybe
   * beside new ones) must not be counted twice, nor its new neighbours missed: the batch is
   * then rolled back and written again with only the entries the table lacks. Should another
   * writer insert some of those meanwhile (it claimed them too), the count of inserted rows
   * tells, and the batch is tried again.
   */
  async function commit(visits: { id: string; v: Visit }[]): Promise<void> {
    let someWritten = false;
    for (let attempt = 1; ; attempt++) {
      try {
        await inTransaction(d.db, async (conn) => {
          let fresh = visits;
          if (someWritten) {
            const [seen] = await conn.query<RowDataPacket[]>('SELECT stream_id FROM visits WHERE stream_id IN (?)', [visits.map((x) => x.id)]);
            const written = new Set(seen.map((r) => String(r.stream_id)));
            fresh = visits.filter((x) => !written.has(x.id));
            if (!fresh.length) return;
          }
          const [res] = await conn.query<ResultSetHeader>(insertSql(fresh));
          if (res.affectedRows !== fresh.length) throw new PartlyWritten();
          await countFresh(conn, fresh);
        });
        return;
      } catch (err) {
        if (attempt >= COMMIT_ATTEMPTS) throw err;
        if (err instanceof PartlyWritten) someWritten = true;
        else if (!lostRace(err)) throw err;
      }
    }
  }

  /** Writes entries and acknowledges them. Returns how many were written. */
  async function write(entries: [string, string[]][]): Promise<number> {
    if (!entries.length) return 0;
    await commit(entries.map(([id, fields]) => ({ id, v: decode(fields[1]) })));
    const ids = entries.map(([id]) => id);
    await d.redis
      .multi()
      .xack(STREAM, GROUP, ...ids)
      .xdel(STREAM, ...ids)
      .exec();
    return entries.length;
  }

  /**
   * Whether this consumer may hold entries it took and did not write: at start, and after any
   * failed round. XREADGROUP with '>' never returns such entries again and XAUTOCLAIM takes them
   * only once idle for `claimIdleMs`, so without this a failed write (a Redis command past its
   * deadline, MariaDB away) held its visits back for that long. Read with id 0, the consumer's
   * own pending entries come back at once.
   */
  let ownPending = true;

  async function drainOwnPending(): Promise<number> {
    const read = (reader.xreadgroup as (...a: (string | number)[]) => Promise<[string, [string, string[] | null][]][] | null>).bind(reader);
    const res = (await read('GROUP', GROUP, consumer, 'COUNT', BATCH, 'STREAMS', STREAM, '0')) ?? [];
    const entries = res[0]?.[1] ?? [];
    // An entry deleted from the stream but still pending reads as [id, null]: nothing to write.
    const written = await write(entries.filter((e): e is [string, string[]] => e[1] !== null));
    if (entries.length < BATCH) ownPending = false;
    return written;
  }

  async function drainOnce(block: boolean): Promise<number> {
    try {
      return await drainRound(block);
    } catch (err) {
      ownPending = true;
      throw err;
    }
  }

  async function drainRound(block: boolean): Promise<number> {
    let written = ownPending ? await drainOwnPending() : 0;
    // Entries a dead consumer claimed but never acknowledged.
    const claimed = (await d.redis.xautoclaim(STREAM, GROUP, consumer, d.claimIdleMs, '0-0', 'COUNT', BATCH)) as [string, [string, string[]][]];
    written += await write(claimed[1] ?? []);
    const args: (string | number)[] = ['GROUP', GROUP, consumer, 'COUNT', BATCH];
    if (block) args.push('BLOCK', BLOCK_MS);
    const res =
      (await (reader.xreadgroup as (...a: (string | number)[]) => Promise<[string, [string, string[]][]][] | null>)(...args, 'STREAMS', STREAM, '>')) ?? [];
    for (const [, entries] of res) written += await write(entries);
    return written;
  }

  return {
    /** Appends a visit; resolves when it is safely in the stream (the acknowledgement). */
    async record(v: Visit): Promise<string> {
      // When that is (in Redis, or on its replicas too): durableAck.ts, VISIT_ACK.
      return (d.appender ?? writeAck(d.redis)).xadd(STREAM, encode(v));
    },

    /** Starts this process's drainer. */
    async start(): Promise<void> {
      await ensureGroup();
      running = true;
      loop = (async () => {
        while (running) {
          try {
            await drainOnce(true);
          } catch (err) {
            if (!running) break;
            // The stream or group was removed (a Redis flush): make them again.
            if (String((err as Error).message).includes('NOGROUP')) {
              await ensureGroup().catch(() => undefined);
              continue;
            }
            d.logger.warn({ reason: (err as Error).message }, 'visit drainer: retrying');
            await new Promise((resolve) => setTimeout(resolve, 500));
          }
        }
      })();
    },

    /** Writes everything in the stream now (tests, shutdown), and returns once every entry
     * that was in the stream when it was called is in MySQL — including a batch this
     * process's background drainer took but has not finished writing: such entries are
     * pending to this consumer until their write commits and is acknowledged, so we wait for
     * this consumer's pending list to empty. */
    async drain(timeoutMs = 10_000): Promise<number> {
      await ensureGroup();
      const deadline = Date.now() + timeoutMs;
      let total = 0;
      for (;;) {
        const n = await drainOnce(false);
        total += n;
        if (n > 0) continue;
        const mine = (await d.redis.xpending(STREAM, GROUP, '-', '+', 1, consumer)) as unknown[];
        if (mine.length === 0) return total;
        if (Date.now() > deadline) throw new Error('visit drain: entries still pending to this process');
        await new Promise((resolve) => setTimeout(resolve, 5));
      }
    },

    /** Resolves when the stream is empty, i.e. every acknowledged visit is committed to MySQL,
     * including a batch the background drainer holds (entries leave the stream only after
     * their commit). Tests, to compare tables. */
    async settled(): Promise<void> {
      // The background drainer, blocked on the stream, takes a new entry at once; drain() here
      // would queue behind its 500 ms block on the same connection. So wait, and drain
      // ourselves only when nobody seems to (a drainer that failed to start).
      for (let i = 1; (await d.redis.xlen(STREAM)) > 0; i++) {
        if (i % 100 === 0) await this.drain();
        else await new Promise((resolve) => setTimeout(resolve, 5));
      }
    },

    async stop(): Promise<void> {
      running = false;
      reader.disconnect();
      await loop?.catch(() => undefined);
    },
  };
}

export type VisitLog = ReturnType<typeof createVisitLog>;
