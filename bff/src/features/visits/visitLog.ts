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
 *
 * The stream is sharded (VISIT_STREAM_SHARDS, decision 0030): a process appends to the shards
 * in turn and drains every shard ever written, each with its own blocking reader, so that on
 * a Redis Cluster the city's visits are not one key on one node.
 */
import { hostname } from 'node:os';
import { randomBytes } from 'node:crypto';
import { blockingConnection, type RedisClient } from '../../redis';
import { redisKeys } from '../../redisKeys';
import type { Logger } from 'pino';
import { escape } from 'mysql2';
import { chinaDate, type Color, type VenueType } from '@yima/shared';
import type { ResultSetHeader, RowDataPacket } from 'mysql2/promise';
import type { Db } from '../../db/pool';
import { sqlTime } from '../../db/sqlLiterals';
import { inTransaction, lostRace } from '../../db/transaction';
import { count, markActive, type ActiveMark, type Queryable, type Tally } from '../stats';
import { writeAck, type StreamAppender } from './durableAck';

const GROUP = 'writers';
const BATCH = 2000;
const BLOCK_MS = 500;
/** Tries of one batch: a race with another writer or a deadlock, or a batch partly written before. */
const COMMIT_ATTEMPTS = 5;

const CLIENT_KEY = /^[0-9a-f]{32}$/;

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
  /** From the request's Idempotency-Key (http/idempotency.ts `clientKeyOf`): 32 hex digits, or
   * null. Unique in `visits`: a second entry of one keyed request is not written. */
  clientKey: string | null;
}

/** The visit log's holder for another region's code: its issuer, named as the merged sources
 * name it (`recognised:<issuer>`); a masked name never holds a colon (shared/src/name.ts). */
export const recognisedHolder = (issuerId: string): string => `recognised:${issuerId}`;

/** One stream field holding a compact JSON array: cheaper to write and read than ten fields. */
function encode(v: Visit): string[] {
  return [
    'v',
    JSON.stringify([
      v.venueId,
      v.venueType,
      v.personId,
      v.holder,
      v.color,
      v.via,
      v.recordedBy,
      v.flagged ? 1 : 0,
      v.verifiedOffline ? 1 : 0,
      v.at.getTime(),
      v.clientKey,
    ]),
  ];
}

function decode(raw: string): Visit {
  // The eleventh field came with the client key: entries written before it have ten.
  const a = JSON.parse(raw) as [string, VenueType, string | null, string, Color, VisitVia, string | null, number, number, number, string | null | undefined];
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
    clientKey: typeof a[10] === 'string' && CLIENT_KEY.test(a[10]) ? a[10] : null,
  };
}

/** Remembers how many streams were ever written (the highest VISIT_STREAM_SHARDS any process
 * ran with) and answers it: fewer shards later must not strand the entries of the others. */
const RAISE_SHARDS = `local n = tonumber(redis.call('GET', KEYS[1]) or '0')
local want = tonumber(ARGV[1])
if want > n then redis.call('SET', KEYS[1], want); n = want end
return n`;

const CREATE_GROUP = `return redis.call('XGROUP', 'CREATE', KEYS[1], ARGV[1], '0', 'MKSTREAM')`;

/** The `stream_id` a visit is stored under: unique across shards, whose entry ids may meet
 * (each stream numbers its own, by its node's clock). Shard 0 keeps the bare id it had when
 * there was one stream. */
const storedId = (shard: number, entryId: string) => (shard === 0 ? entryId : `${shard}:${entryId}`);

/** Where the streams live: redisKeys' names, unless a test keeps its own apart. */
export interface VisitStreamKeys {
  stream(shard: number): string;
  shardCount: string;
}
const STREAM_KEYS: VisitStreamKeys = { stream: redisKeys.visitStream, shardCount: redisKeys.visitStreamShards };

export function createVisitLog(d: {
  redis: RedisClient;
  db: Db;
  logger: Logger;
  claimIdleMs: number;
  shards: number;
  keys?: VisitStreamKeys;
  /** When an XADD counts as acknowledged (durableAck.ts, VISIT_ACK); `write` by default. */
  appender?: StreamAppender;
  /** This drainer's name in the streams' consumer group; a new one by default. A drainer
   * thread started again keeps its process's (drainerThread.ts), so it reads what the dead
   * one had taken at once. */
  consumer?: string;
}) {
  const keys = d.keys ?? STREAM_KEYS;
  // When an XADD counts as acknowledged (durableAck.ts, VISIT_ACK): made once, not per visit.
  const appender = d.appender ?? writeAck(d.redis);
  const consumer = d.consumer ?? `${hostname()}-${process.pid}-${randomBytes(3).toString('hex')}`;
  let running = false;
  let next = 0;
  let drainers: ShardDrainer[] | null = null;

  /** A batch's visits as one multi-row INSERT IGNORE (`stream_id` and `client_key` are unique). */
  const insertSql = (visits: { id: string; v: Visit }[]) =>
    `INSERT IGNORE INTO visits (venue_id, person_id, holder, color, via, recorded_by, flagged, verified_offline, at, stream_id, client_key) VALUES ${visits
      .map(
        ({ id, v }) =>
          `(${escape(v.venueId)},${v.personId === null ? 'NULL' : escape(v.personId)},${escape(v.holder)},${escape(v.color)},${escape(v.via)},${v.recordedBy === null ? 'NULL' : escape(v.recordedBy)},${v.flagged ? 1 : 0},${v.verifiedOffline ? 1 : 0},${sqlTime(v.at)},${escape(id)},${v.clientKey === null ? 'NULL' : `X'${v.clientKey}'`})`,
      )
      .join(',')}`;

  /** The entries of a batch the table lacks: neither their stream id nor their client key is in
   * it (a keyed request recorded twice, its first entry written before), and only the first
   * of two entries of one key within the batch. */
  async function unwritten(conn: Queryable, visits: { id: string; v: Visit }[]): Promise<{ id: string; v: Visit }[]> {
    const keys = [...new Set(visits.flatMap((x) => (x.v.clientKey === null ? [] : [x.v.clientKey])))];
    const [seen] = await conn.query<RowDataPacket[]>(
      `SELECT stream_id, HEX(client_key) AS client_key FROM visits WHERE stream_id IN (?)${keys.length ? ` OR client_key IN (${keys.map((k) => `X'${k}'`).join(',')})` : ''}`,
      [visits.map((x) => x.id)],
    );
    const writtenIds = new Set(seen.map((r) => String(r.stream_id)));
    const writtenKeys = new Set(seen.flatMap((r) => (r.client_key ? [String(r.client_key).toLowerCase()] : [])));
    return visits.filter((x) => {
      if (writtenIds.has(x.id)) return false;
      if (x.v.clientKey === null) return true;
      if (writtenKeys.has(x.v.clientKey)) return false;
      writtenKeys.add(x.v.clientKey);
      return true;
    });
  }

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
   * beside new ones; or a keyed request recorded twice) must not be counted twice, nor its new
   * neighbours missed: the batch is
   * then rolled back and written again with only the entries the table lacks. Should another
   * writer insert some of those meanwhile (it claimed them too), the count of inserted rows
   * tells, and the batch is tried again.
   */
  async function commit(visits: { id: string; v: Visit }[]): Promise<void> {
    let someWritten = false;
    for (let attempt = 1; ; attempt++) {
      try {
        await inTransaction(d.db, async (conn) => {
          const fresh = someWritten ? await unwritten(conn, visits) : visits;
          if (!fresh.length) return;
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
  async function write(shard: number, entries: [string, string[]][]): Promise<number> {
    if (!entries.length) return 0;
    await commit(entries.map(([id, fields]) => ({ id: storedId(shard, id), v: decode(fields[1]) })));
    const ids = entries.map(([id]) => id);
    const stream = keys.stream(shard);
    await d.redis
      .multi()
      .xack(stream, GROUP, ...ids)
      .xdel(stream, ...ids)
      .exec();
    return entries.length;
  }

  /** One stream's consumer: its group, its blocking reader, its loop. */
  function shardDrainer(shard: number) {
    const stream = keys.stream(shard);
    // XREADGROUP BLOCK outlives the request path's command deadline by design; a stalled Redis
    // only stalls the drainer, which then has nothing to write anyway (decision 0027).
    const reader = blockingConnection(d.redis);
    type Read = (...a: (string | number)[]) => Promise<[string, [string, string[] | null][]][] | null>;
    let closed = false;
    // Checked in the same turn as the command is sent: a cluster client that has been
    // disconnected queues a new command for ever (it never reconnects), and the loop would
    // hang stop() there.
    const read: Read = (...a) => (closed ? Promise.reject(new Error('visit drainer stopped')) : (reader.xreadgroup as Read).apply(reader, a));
    let loop: Promise<void> | null = null;

    async function ensureGroup(): Promise<void> {
      try {
        // Through a script that names the key: a cluster client finds no key in XGROUP
        // (a command with subcommands), sends it to any node and, auto-pipelined, does not
        // follow that node's MOVED.
        await d.redis.eval(CREATE_GROUP, 1, stream, GROUP);
      } catch (err) {
        if (!String((err as Error).message).includes('BUSYGROUP')) throw err;
      }
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
      const res = (await read('GROUP', GROUP, consumer, 'COUNT', BATCH, 'STREAMS', stream, '0')) ?? [];
      const entries = res[0]?.[1] ?? [];
      // An entry deleted from the stream but still pending reads as [id, null]: nothing to write.
      const written = await write(
        shard,
        entries.filter((e): e is [string, string[]] => e[1] !== null),
      );
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
      const claimed = (await d.redis.xautoclaim(stream, GROUP, consumer, d.claimIdleMs, '0-0', 'COUNT', BATCH)) as [string, [string, string[]][]];
      written += await write(shard, claimed[1] ?? []);
      const args: (string | number)[] = ['GROUP', GROUP, consumer, 'COUNT', BATCH];
      if (block) args.push('BLOCK', BLOCK_MS);
      const res = (await read(...args, 'STREAMS', stream, '>')) ?? [];
      for (const [, entries] of res) written += await write(shard, entries as [string, string[]][]);
      return written;
    }

    return {
      ensureGroup,
      start(): void {
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
              d.logger.warn({ shard, reason: (err as Error).message }, 'visit drainer: retrying');
              await new Promise((resolve) => setTimeout(resolve, 500));
            }
          }
        })();
      },
      /** Writes what this stream holds now, waiting for a batch the background loop holds. */
      async drain(deadline: number): Promise<number> {
        await ensureGroup();
        let total = 0;
        for (;;) {
          const n = await drainOnce(false);
          total += n;
          if (n > 0) continue;
          const mine = (await d.redis.xpending(stream, GROUP, '-', '+', 1, consumer)) as unknown[];
          if (mine.length === 0) return total;
          if (Date.now() > deadline) throw new Error('visit drain: entries still pending to this process');
          await new Promise((resolve) => setTimeout(resolve, 5));
        }
      },
      length: () => d.redis.xlen(stream),
      async stop(): Promise<void> {
        closed = true;
        reader.disconnect();
        await loop?.catch(() => undefined);
      },
    };
  }
  type ShardDrainer = ReturnType<typeof shardDrainer>;

  /** The drainers of every stream ever written, made once. */
  async function allDrainers(): Promise<ShardDrainer[]> {
    if (!drainers) {
      const n = Number(await d.redis.eval(RAISE_SHARDS, 1, keys.shardCount, d.shards));
      drainers ??= Array.from({ length: n }, (_, shard) => shardDrainer(shard));
    }
    return drainers;
  }

  return {
    /** Appends a visit; resolves when it is safely in the stream (the acknowledgement). */
    async record(v: Visit): Promise<string> {
      const shard = next++ % d.shards;
      return storedId(shard, await appender.xadd(keys.stream(shard), encode(v)));
    },

    /** Starts this process's drainers, one per stream. */
    async start(): Promise<void> {
      const all = await allDrainers();
      await Promise.all(all.map((x) => x.ensureGroup()));
      running = true;
      for (const x of all) x.start();
    },

    /** Writes everything in the streams now (tests, shutdown), and returns once every entry
     * that was in them when it was called is in MySQL — including a batch this process's
     * background drainer took but has not finished writing: such entries are pending to this
     * consumer until their write commits and is acknowledged, so we wait for this consumer's
     * pending list to empty. */
    async drain(timeoutMs = 10_000): Promise<number> {
      const deadline = Date.now() + timeoutMs;
      // Every stream is tried even when one fails (at shutdown, what can be written is).
      const results = await Promise.allSettled((await allDrainers()).map((x) => x.drain(deadline)));
      const failed = results.find((r): r is PromiseRejectedResult => r.status === 'rejected');
      if (failed) throw failed.reason;
      return results.reduce((n, r) => n + (r.status === 'fulfilled' ? r.value : 0), 0);
    },

    /** Resolves when the streams are empty, i.e. every acknowledged visit is committed to
     * MySQL, including a batch a background drainer holds (entries leave a stream only after
     * their commit). Tests, to compare tables. */
    async settled(): Promise<void> {
      // A background drainer, blocked on its stream, takes a new entry at once; drain() here
      // would queue behind its 500 ms block on the same connection. So wait, and drain
      // ourselves only when nobody seems to (a drainer that failed to start).
      const all = await allDrainers();
      const waiting = async () => (await Promise.all(all.map((x) => x.length()))).some((n) => n > 0);
      for (let i = 1; await waiting(); i++) {
        if (i % 100 === 0) await this.drain();
        else await new Promise((resolve) => setTimeout(resolve, 5));
      }
    },

    async stop(): Promise<void> {
      running = false;
      await Promise.all((drainers ?? []).map((x) => x.stop()));
    },
  };
}

export type VisitLog = ReturnType<typeof createVisitLog>;
