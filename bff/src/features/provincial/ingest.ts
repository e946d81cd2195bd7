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
import { createReadStream } from 'node:fs';
import { createInterface } from 'node:readline';
import type { PoolConnection } from 'mysql2/promise';
import type { Logger } from 'pino';
import type { ProvincialBatchResult } from '@yima/shared';
import type { Clock } from '../../clock';
import type { Pii } from '../../crypto/pii';
import type { Db } from '../../db/pool';
import type { UsersRepo } from '../identity/usersRepo';
import type { HistoryRepo } from '../merge/historyRepo';
import { historyEntryFor, type PersonStates } from '../merge/personStates';
import { checkLine, type ValidLine } from './lines';
import type { ProvincialRepo, ProvincialState } from './provincialRepo';

/** At most this many rejected lines are listed in the answer (all are counted). */
export const MAX_REJECTED_LISTED = 1000;
const PROGRESS_EVERY_LINES = 100_000;
const MAX_ATTEMPTS = 5;

const isRetryable = (err: unknown) => ['ER_LOCK_DEADLOCK', 'ER_LOCK_WAIT_TIMEOUT'].includes((err as { code?: string }).code ?? '');

interface Line extends ValidLine {
  idHash: Buffer;
}

export interface IngestDeps {
  db: Db;
  pii: Pii;
  clock: Clock;
  logger: Logger;
  provincial: ProvincialRepo;
  users: UsersRepo;
  history: HistoryRepo;
  states: PersonStates;
  rowsPerStatement: number;
  writers: number;
  /** Drops cached code states once a chunk is committed. */
  invalidateUsers: (userIds: string[]) => Promise<void>;
}

export function createIngest(d: IngestDeps) {
  /** Applies one chunk in one transaction; returns how many lines changed a state. */
  async function applyChunk(lines: Line[]): Promise<{ accepted: number; duplicates: number; userIds: string[] }> {
    // Within a chunk, one line per person: the newest version (the rest are duplicates).
    const newest = new Map<string, Line>();
    for (const l of lines) {
      const key = l.idHash.toString('hex');
      const held = newest.get(key);
      if (!held || l.version > held.version) newest.set(key, l);
    }
    const unique = [...newest.values()];
    for (let attempt = 1; ; attempt++) {
      const conn = await d.db.getConnection();
      try {
        // No gap locks: two writers inserting neighbouring new people must not deadlock.
        await conn.query('SET TRANSACTION ISOLATION LEVEL READ COMMITTED');
        await conn.beginTransaction();
        const result = await applyLocked(conn, unique);
        await conn.commit();
        return { ...result, duplicates: result.duplicates + lines.length - unique.length };
      } catch (err) {
        await conn.rollback().catch(() => undefined);
        if (attempt < MAX_ATTEMPTS && isRetryable(err)) continue;
        throw err;
      } finally {
        conn.release();
      }
    }
  }

  async function applyLocked(conn: PoolConnection, lines: Line[]) {
    const now = d.clock.now();
    const states: ProvincialState[] = lines.map((l) => ({
      idHash: l.idHash,
      color: l.color,
      reasonCode: l.reasonCode,
      reasonText: l.reasonText,
      setBy: l.setBy,
      effectiveAt: l.effectiveAt,
      receivedAt: now,
      version: l.version,
    }));
    // Only people Yima holds a code for get history and a cache refresh; most lines of a
    // large batch are for people who never registered here, and for them the guarded upsert
    // alone decides. For the others, their rows are locked and read first, so the history
    // entry describes exactly the change this transaction makes.
    const known = await d.users.personsByHashes(states.map((s) => s.idHash), conn);
    const userIds: string[] = [];
    const entries = [];
    if (known.length) {
      const hashes = known.map((p) => p.idHash);
      await d.provincial.lockVersions(conn, hashes);
      const people = await d.states.loadMany(hashes, conn, known);
      const byHash = new Map(states.map((s) => [s.idHash.toString('hex'), s]));
      for (const [hex, person] of people) {
        const incoming = byHash.get(hex);
        if (!incoming || incoming.version <= (person.provincial?.version ?? 0)) continue;
        person.provincial = incoming;
        const { merged } = await d.states.mergeOf(person, now);
        const entry = historyEntryFor(person, merged, now);
        if (entry) entries.push(entry);
        userIds.push(...person.userIds);
      }
    }
    const { applied } = await d.provincial.upsertMany(conn, states);
    await d.history.append(entries, conn);
    return { accepted: applied, duplicates: lines.length - applied, userIds };
  }

  /** Applies a spooled, signature-checked batch file. */
  async function ingestFile(path: string, feed: string): Promise<ProvincialBatchResult> {
    const started = Date.now();
    const now = d.clock.now();
    const result: ProvincialBatchResult = { lines: 0, accepted: 0, duplicates: 0, rejectedCount: 0, rejected: [] };
    const inFlight = new Set<Promise<void>>();
    let failure: unknown = null;

    const submit = async (chunk: Line[]) => {
      while (inFlight.size >= d.writers) await Promise.race(inFlight);
      if (failure) throw failure;
      const task = applyChunk(chunk)
        .then(async (r) => {
          result.accepted += r.accepted;
          result.duplicates += r.duplicates;
          await d.invalidateUsers(r.userIds);
        })
        .catch((err: unknown) => {
          failure ??= err;
        })
        .finally(() => inFlight.delete(task));
      inFlight.add(task);
    };

    let chunk: Line[] = [];
    const input = createReadStream(path, { encoding: 'utf8', highWaterMark: 1 << 20 });
    const reader = createInterface({ input, crlfDelay: Infinity });
    try {
      for await (const text of reader) {
        const lineNo = ++result.lines;
        if (text.trim() === '') continue;
        const checked = checkLine(text, lineNo, now);
        if (!checked.ok) {
          result.rejectedCount++;
          if (result.rejected.length < MAX_REJECTED_LISTED) result.rejected.push({ line: checked.line, code: checked.code, message: checked.message });
          continue;
        }
        chunk.push({ ...checked.value, idHash: d.pii.blindIndex('id_number', checked.value.idNumber) });
        if (chunk.length >= d.rowsPerStatement) {
          await submit(chunk);
          chunk = [];
        }
        if (lineNo % PROGRESS_EVERY_LINES === 0) {
          d.logger.info({ feed, lines: lineNo, accepted: result.accepted, rejected: result.rejectedCount, elapsedMs: Date.now() - started }, 'provincial batch progress');
        }
      }
      if (chunk.length) await submit(chunk);
      await Promise.all(inFlight);
    } finally {
      reader.close();
      input.destroy();
    }
    if (failure) throw failure;
    // Trailing blank lines are not lines of the batch.
    d.logger.info({ feed, lines: result.lines, accepted: result.accepted, duplicates: result.duplicates, rejected: result.rejectedCount, elapsedMs: Date.now() - started }, 'provincial batch applied');
    return result;
  }

  return { ingestFile };
}

export type Ingest = ReturnType<typeof createIngest>;
