/**
 * Applies a provincial batch (SPEC C4): read line by line from the spooled body, checked,
 * grouped into chunks of a few thousand, and each chunk applied in one transaction — a
 * multi-row upsert of the states, guarded by version, plus the colour history of the people
 * Yima holds a code for — by a small number of writers in parallel while the next chunk is
 * being parsed. Memory stays constant: at most a few chunks are in flight.
 *
 * Idempotent by (person, version): a line whose version is not newer than the one held is
 * a duplicate and changes nothing, so a replayed or retried batch is harmless. A line that
 * fails its checks is reported with its line number; the others still apply.
 */
import { stat } from 'node:fs/promises';
import type { PoolConnection } from 'mysql2/promise';
import type { Logger } from 'pino';
import type { ProvincialBatchResult } from '@yima/shared';
import type { Clock } from '../../clock';
import type { Pii } from '../../crypto/pii';
import type { Db } from '../../db/pool';
import { inTransaction, lockConflict } from '../../db/transaction';
import type { UsersRepo } from '../identity';
import type { HistoryRepo } from '../personState';
import { historyEntryFor, worsened, type PersonStates } from '../personState';
import type { PaperCodesRepo } from '../paperCodes';
import { startTsWorker } from '../../workers/tsWorker';
import { lineAlignedRanges, readChunks, statesOf, type FeedChunk, type ReadResult } from './chunks';
import type { IncomingState, ProvincialRepo } from './provincialRepo';
import { writeWhileReading } from './writers';

/** At most this many rejected lines are listed in the answer (all are counted). */
export const MAX_REJECTED_LISTED = 1000;
/** Runs of a chunk's transaction in all, when it keeps losing a lock to another writer. */
const CHUNK_ATTEMPTS = 5;

export interface IngestDeps {
  db: Db;
  pii: Pii;
  clock: Clock;
  logger: Logger;
  provincial: ProvincialRepo;
  users: UsersRepo;
  history: HistoryRepo;
  paperCodes: PaperCodesRepo;
  states: PersonStates;
  /** The blind-index key, for the worker thread that reads large batches. */
  indexKey: Buffer;
  rowsPerStatement: number;
  writers: number;
  /** Batches larger than this are read in worker threads, `readers` of them. */
  workerAboveBytes: number;
  readers: number;
  /** Drops cached code states once a chunk is committed. */
  invalidateUsers: (userIds: string[]) => Promise<void>;
}

export function createIngest(d: IngestDeps) {
  /** Applies one chunk in one transaction, run again (from the start) when it lost a lock to
   * another writer. READ COMMITTED: no gap locks, so two writers inserting neighbouring new
   * people do not deadlock. */
  function applyChunk(chunk: FeedChunk, receivedAt: Date): Promise<{ accepted: number; duplicates: number; userIds: string[] }> {
    const states = statesOf(chunk);
    return inTransaction(d.db, (conn) => applyLocked(conn, chunk, states, receivedAt), {
      isolation: 'READ COMMITTED',
      retry: { attempts: CHUNK_ATTEMPTS, when: lockConflict },
    });
  }

  async function applyLocked(conn: PoolConnection, c: FeedChunk, states: IncomingState[], receivedAt: Date) {
    const now = d.clock.now();
    // Only people Yima holds a code for get history and a cache refresh; most lines of a
    // large batch are for people who never registered here, and for them the guarded upsert
    // alone decides. For the others, their rows are locked and read first, so the history
    // entry describes exactly the change this transaction makes.
    // Their persons rows are locked: two chunks carrying the same person (one from each reader's
    // half of a file) then apply one after the other. Locking their provincial rows alone did
    // not serialise them while no state was held yet (a locking read of a missing row locks
    // nothing under READ COMMITTED), and both wrote history for a change only one made.
    const known = await d.users.personsByHashHex(c.hexes, conn, { lock: true });
    const userIds: string[] = [];
    const entries = [];
    const worse: { personId: string; color: 'yellow' | 'red' }[] = [];
    if (known.length) {
      const hashes = known.map((p) => p.idHash);
      // Locked and read in one: the merge below needs the held states anyway.
      const provincial = await d.provincial.lockStates(conn, hashes);
      const people = await d.states.loadMany(hashes, conn, { known, provincial });
      const index = new Map(c.hexes.map((h, i) => [h, i]));
      for (const [hex, person] of people) {
        const i = index.get(hex);
        if (i === undefined || states[i].version <= (person.provincial?.version ?? 0)) continue;
        const s = states[i];
        person.provincial = {
          idHash: person.idHash,
          color: s.color,
          reasonCode: s.reasonCode,
          reasonText: s.reasonText,
          setBy: s.setBy,
          effectiveAt: s.effectiveAt,
          receivedAt: now,
          version: s.version,
        };
        const { merged } = await d.states.mergeOf(person, now);
        const entry = historyEntryFor(person, merged, now);
        if (entry) {
          entries.push(entry);
          if (worsened(entry)) worse.push({ personId: person.personId!, color: entry.newColor as 'yellow' | 'red' });
        }
        userIds.push(...person.userIds);
      }
    }
    const { applied } = await d.provincial.upsertNewer(conn, states, receivedAt);
    await d.history.append(entries, conn);
    for (const color of ['yellow', 'red'] as const) {
      await d.paperCodes.revokeMilderThan(
        worse.filter((w) => w.color === color).map((w) => w.personId),
        color,
        now,
        conn,
      );
    }
    return { accepted: applied, duplicates: c.lineCount - applied, userIds };
  }

  /** Reads on this thread (small batches: no worker start-up for a delta). */
  function readHere(path: string, now: Date, onChunk: (c: FeedChunk) => Promise<void>, onProgress: (n: number) => void): Promise<ReadResult> {
    return readChunks({
      path,
      now,
      rowsPerStatement: d.rowsPerStatement,
      maxRejectedListed: MAX_REJECTED_LISTED,
      hashHex: (idNumber) => d.pii.blindIndexHex('id_number', idNumber),
      onChunk,
      onProgress,
    });
  }

  /** Reads one byte range in a worker thread, which stays at most a few chunks ahead of the writers. */
  function readRangeInWorker(
    path: string,
    range: { start: number; end: number },
    now: Date,
    onChunk: (c: FeedChunk) => Promise<void>,
    onProgress: (n: number) => void,
  ): Promise<ReadResult> {
    return new Promise((resolve, reject) => {
      const worker = startTsWorker(new URL('./lineWorker.ts', import.meta.url), {
        workerData: {
          path,
          ...range,
          nowMs: now.getTime(),
          rowsPerStatement: d.rowsPerStatement,
          maxRejectedListed: MAX_REJECTED_LISTED,
          indexKey: new Uint8Array(d.indexKey),
        },
      });
      let settled = false;
      const end = (fn: () => void) => {
        if (settled) return;
        settled = true;
        void worker.terminate();
        fn();
      };
      // A worker's chunks are written in the order they arrive; `queue` keeps it across awaits.
      let queue = Promise.resolve();
      worker.on('message', (m: { type: string; chunk?: FeedChunk; lines?: number; result?: ReadResult; message?: string }) => {
        if (m.type === 'chunk') {
          queue = queue
            .then(() => onChunk(m.chunk!))
            .then(
              () => worker.postMessage({ type: 'written' }),
              (err: unknown) => end(() => reject(err)),
            );
        } else if (m.type === 'progress') onProgress(m.lines!);
        else if (m.type === 'done') void queue.then(() => end(() => resolve(m.result!)));
        else if (m.type === 'failed') end(() => reject(new Error(m.message)));
      });
      worker.on('error', (err) => end(() => reject(err)));
      worker.on('exit', (code) => end(() => reject(new Error(`batch reader stopped (${code})`))));
    });
  }

  /** Reads a large file in `readers` worker threads, one byte range each, and puts the line
   * numbers of their answers back in file order. */
  async function readInWorkers(
    path: string,
    size: number,
    now: Date,
    onChunk: (c: FeedChunk) => Promise<void>,
    onProgress: (n: number) => void,
  ): Promise<ReadResult> {
    const ranges = await lineAlignedRanges(path, size, d.readers);
    let progressed = 0;
    const results = await Promise.all(ranges.map((r) => readRangeInWorker(path, r, now, onChunk, () => onProgress((progressed += 100_000)))));
    const merged: ReadResult = { lines: 0, rejectedCount: 0, rejected: [] };
    for (const r of results) {
      for (const bad of r.rejected) if (merged.rejected.length < MAX_REJECTED_LISTED) merged.rejected.push({ ...bad, line: bad.line + merged.lines });
      merged.lines += r.lines;
      merged.rejectedCount += r.rejectedCount;
    }
    return merged;
  }

  /** Applies a spooled, signature-checked batch file. */
  async function ingestFile(path: string, feed: string): Promise<ProvincialBatchResult> {
    const started = Date.now();
    const now = d.clock.now();
    let accepted = 0;
    let duplicates = 0;
    const write = async (chunk: FeedChunk) => {
      const r = await applyChunk(chunk, now);
      accepted += r.accepted;
      duplicates += r.duplicates;
      await d.invalidateUsers(r.userIds);
    };
    const progress = (lines: number) => d.logger.info({ feed, lines, accepted, elapsedMs: Date.now() - started }, 'provincial batch progress');

    const { size } = await stat(path);
    const read = await writeWhileReading(d.writers, write, (handOver) =>
      size > d.workerAboveBytes ? readInWorkers(path, size, now, handOver, progress) : readHere(path, now, handOver, progress),
    );
    const result: ProvincialBatchResult = { lines: read.lines, accepted, duplicates, rejectedCount: read.rejectedCount, rejected: read.rejected };
    d.logger.info(
      { feed, lines: result.lines, accepted, duplicates, rejected: result.rejectedCount, elapsedMs: Date.now() - started },
      'provincial batch applied',
    );
    return result;
  }

  return { ingestFile };
}

export type Ingest = ReturnType<typeof createIngest>;
