/**
 * Applies a health-record batch (decision 0026), in the provincial feed's way: the spooled body
 * read line by line (forEachLine), each line checked (lines.ts), the ID number replaced by its
 * blind index, and chunks of `rowsPerStatement` lines written by `writers` at once
 * (writeWhileReading), each in one transaction: one version-guarded multi-row upsert. Memory
 * stays flat whatever the batch's size.
 *
 * Records are kept for everyone, registered here or not (they show once the person registers).
 * After a chunk commits, the cached code state of the accounts of people Yima knows in it is
 * dropped: the code page reads the records from that state. The feed's "as of"
 * (health_feed_status) is moved once the batch has applied.
 *
 * Idempotent by version: a line not newer than the record held is a duplicate and changes
 * nothing; lines for the same record within a chunk collapse into the newest (the others count
 * as duplicates).
 */
import type { PoolConnection } from 'mysql2/promise';
import type { Logger } from 'pino';
import type { ProvincialBatchResult } from '@yima/shared';
import type { Clock } from '../../clock';
import type { Pii } from '../../crypto/pii';
import type { Db } from '../../db/pool';
import { inTransaction, lockConflict } from '../../db/transaction';
import type { UsersRepo } from '../identity';
import { forEachLine, MAX_REJECTED_LISTED, writeWhileReading } from '../provincial';
import type { HealthFeedsRepo, Incoming, IncomingDose, IncomingResult } from './healthFeedsRepo';
import type { HealthFeedKind } from './kinds';
import { checkNucleicAcidLine, checkVaccinationLine, lineClock, type Checked, type CheckedNucleicAcid, type CheckedVaccination, type LineClock } from './lines';

/** Runs of a chunk's transaction in all, when it keeps losing a lock to another writer. */
const CHUNK_ATTEMPTS = 5;

export interface HealthIngestDeps {
  db: Db;
  pii: Pii;
  clock: Clock;
  logger: Logger;
  repo: HealthFeedsRepo;
  users: UsersRepo;
  rowsPerStatement: number;
  writers: number;
  /** Drops cached code states once a chunk is committed. */
  invalidateUsers: (userIds: string[]) => Promise<void>;
}

/** What differs between the two kinds: how a line is checked, which record it is, how a
 * chunk of records is written. */
interface KindSpec<C, R extends { idHashHex: string; version: number }> {
  check: (text: string, line: number, clock: LineClock) => Checked<C & { idNumber: string }>;
  toRow: (checked: C, idHashHex: string) => R;
  /** The record a row is (its table's key, the feed aside). */
  keyOf: (row: R) => string;
  upsert: (conn: PoolConnection, feed: string, rows: R[], receivedAt: Date) => Promise<{ applied: number }>;
}

interface Chunk<R> {
  rows: R[];
  /** Lines in the chunk, counting lines collapsed into a newer one. */
  lineCount: number;
}

export function createHealthIngest(d: HealthIngestDeps) {
  const nucleic: KindSpec<CheckedNucleicAcid, IncomingResult> = {
    check: checkNucleicAcidLine,
    toRow: keyed,
    keyOf: (r) => `${r.idHashHex}/${r.sampleId}`,
    upsert: d.repo.upsertResults,
  };
  const vaccination: KindSpec<CheckedVaccination, IncomingDose> = {
    check: checkVaccinationLine,
    toRow: keyed,
    keyOf: (r) => `${r.idHashHex}/${r.dose}`,
    upsert: d.repo.upsertDoses,
  };

  async function ingest<C, R extends { idHashHex: string; version: number }>(
    kind: HealthFeedKind,
    spec: KindSpec<C, R>,
    path: string,
    feed: string,
  ): Promise<ProvincialBatchResult> {
    const started = Date.now();
    const now = d.clock.now();
    const clock = lineClock(now);
    let accepted = 0;
    let duplicates = 0;

    /** One transaction: who among the chunk's people holds a code here, and the upsert.
     * READ COMMITTED, as the provincial feed's writers: no gap locks between them. */
    const write = async (chunk: Chunk<R>) => {
      const { applied, userIds } = await inTransaction(
        d.db,
        async (conn) => {
          const known = await d.users.personsByHashHex([...new Set(chunk.rows.map((r) => r.idHashHex))], conn);
          const { applied } = await spec.upsert(conn, feed, chunk.rows, now);
          return { applied, userIds: known.flatMap((p) => p.userIds) };
        },
        { isolation: 'READ COMMITTED', retry: { attempts: CHUNK_ATTEMPTS, when: lockConflict } },
      );
      accepted += applied;
      duplicates += chunk.lineCount - applied;
      await d.invalidateUsers(userIds);
    };

    const read = await writeWhileReading(d.writers, write, async (handOver) => {
      const result: ProvincialBatchResult = { lines: 0, accepted: 0, duplicates: 0, rejectedCount: 0, rejected: [] };
      let chunk: Chunk<R> = { rows: [], lineCount: 0 };
      let slot = new Map<string, number>();
      const finish = () => {
        const full = chunk;
        chunk = { rows: [], lineCount: 0 };
        slot = new Map();
        return handOver(full);
      };
      await forEachLine({ path }, (text) => {
        const lineNo = ++result.lines;
        if (text.trim() === '') return;
        const checked = spec.check(text, lineNo, clock);
        if (!checked.ok) {
          result.rejectedCount++;
          if (result.rejected.length < MAX_REJECTED_LISTED) result.rejected.push({ line: checked.line, code: checked.code, message: checked.message });
          return;
        }
        const row = spec.toRow(checked.value, d.pii.blindIndexHex('id_number', checked.value.idNumber));
        chunk.lineCount++;
        // One row per record per chunk (a statement must not name a key twice to count right).
        const key = spec.keyOf(row);
        const at = slot.get(key);
        if (at === undefined) {
          slot.set(key, chunk.rows.length);
          chunk.rows.push(row);
        } else if (row.version > chunk.rows[at].version) chunk.rows[at] = row;
        if (chunk.lineCount >= d.rowsPerStatement) return finish();
      });
      if (chunk.lineCount) await finish();
      return result;
    });

    await d.repo.markDelivered(kind, feed, now);
    const result: ProvincialBatchResult = { lines: read.lines, accepted, duplicates, rejectedCount: read.rejectedCount, rejected: read.rejected };
    d.logger.info(
      { kind, feed, lines: result.lines, accepted, duplicates, rejected: result.rejectedCount, elapsedMs: Date.now() - started },
      'health-record batch applied',
    );
    return result;
  }

  return {
    /** Applies a spooled, signature-checked batch file of `kind` sent by `feed`. */
    ingestFile(kind: HealthFeedKind, path: string, feed: string): Promise<ProvincialBatchResult> {
      return kind === 'nucleic-acid' ? ingest(kind, nucleic, path, feed) : ingest(kind, vaccination, path, feed);
    },
  };
}

/** The checked line as the repo takes it: the ID number replaced by its blind index. */
function keyed<T extends { idNumber: string }>(c: T, idHashHex: string): Incoming<T> {
  const { idNumber, ...record } = c;
  void idNumber; // not kept: the blind index stands for it
  return { ...record, idHashHex };
}

export type HealthIngest = ReturnType<typeof createHealthIngest>;
