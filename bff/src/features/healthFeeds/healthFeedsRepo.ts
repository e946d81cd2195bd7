/**
 * The health-record feeds' writes (decision 0026): `nucleic_acid_results`, `vaccinations` and
 * `health_feed_status`. Reads are the records' read side's (another module), so this one holds
 * only what a batch writes. As provincialRepo.ts does, a chunk's upsert is one statement
 * built here (hex literals, escaped texts, formatted times): thousands of rows a statement.
 *
 * Every upsert is guarded by version: a row only ever moves to a newer version, even against a
 * concurrent writer; `version` is assigned last because MySQL evaluates the assignments left
 * to right (each IF before it still sees the old version).
 */
import { escape } from 'mysql2';
import type { PoolConnection, ResultSetHeader } from 'mysql2/promise';
import type { Db } from '../../db/pool';
import { hexLiteral, sqlTime } from '../../db/sqlLiterals';
import { upsertedRows } from '../../db/upsertCount';
import type { HealthFeedKind } from './kinds';
import type { CheckedNucleicAcid, CheckedVaccination } from './lines';

/** A record as a chunk hands it over: the checked line, the person by the hex of their blind
 * index instead of their ID number. */
export type Incoming<T extends { idNumber: string }> = Omit<T, 'idNumber'> & { idHashHex: string };
export type IncomingResult = Incoming<CheckedNucleicAcid>;
export type IncomingDose = Incoming<CheckedVaccination>;

function versionLiteral(v: number): string {
  // Typed, but built into the text: a version that is not a positive integer goes no further.
  if (!Number.isSafeInteger(v) || v < 1) throw new TypeError('a record version must be a positive integer');
  return String(v);
}

/** `col = IF(newer, VALUES(col), col)` for each column, then the version. */
const guardedUpdate = (columns: string[]) =>
  `${columns.map((c) => `${c} = IF(VALUES(version) > version, VALUES(${c}), ${c})`).join(', ')}, version = GREATEST(version, VALUES(version))`;

async function upsertResults(conn: PoolConnection, feed: string, rows: readonly IncomingResult[], receivedAt: Date): Promise<{ applied: number }> {
  if (!rows.length) return { applied: 0 };
  const received = sqlTime(receivedAt);
  const feedLit = escape(feed);
  const values = rows.map(
    (r) =>
      `(${hexLiteral(r.idHashHex)},${feedLit},${escape(r.sampleId)},${sqlTime(r.sampledAt)},${escape(r.result)},${escape(r.institution)},${escape(r.lab)},${sqlTime(r.reportedAt)},${escape(r.region)},${versionLiteral(r.version)},${received})`,
  );
  const [res] = await conn.query<ResultSetHeader>(
    `INSERT INTO nucleic_acid_results (id_hash, feed, sample_id, sampled_at, result, institution, lab, reported_at, region, version, received_at)
     VALUES ${values.join(',')}
     ON DUPLICATE KEY UPDATE ${guardedUpdate(['sampled_at', 'result', 'institution', 'lab', 'reported_at', 'region', 'received_at'])}`,
  );
  return { applied: upsertedRows(res) };
}

/** One row per person and dose number, whichever feed sent it: a later version from any feed
 * corrects it (and the row then names that feed as its source). */
async function upsertDoses(conn: PoolConnection, feed: string, rows: readonly IncomingDose[], receivedAt: Date): Promise<{ applied: number }> {
  if (!rows.length) return { applied: 0 };
  const received = sqlTime(receivedAt);
  const feedLit = escape(feed);
  const values = rows.map(
    (r) =>
      `(${hexLiteral(r.idHashHex)},${Number(r.dose)},${escape(r.givenOn)},${escape(r.product)},${escape(r.site)},${escape(r.region)},${feedLit},${versionLiteral(r.version)},${received})`,
  );
  const [res] = await conn.query<ResultSetHeader>(
    `INSERT INTO vaccinations (id_hash, dose, given_on, product, site, region, feed, version, received_at)
     VALUES ${values.join(',')}
     ON DUPLICATE KEY UPDATE ${guardedUpdate(['given_on', 'product', 'site', 'region', 'feed', 'received_at'])}`,
  );
  return { applied: upsertedRows(res) };
}

export function createHealthFeedsRepo(db: Db) {
  return {
    upsertResults,
    upsertDoses,
    /** The "as of" of the records pages: when this feed last delivered a batch. */
    async markDelivered(kind: HealthFeedKind, feed: string, at: Date): Promise<void> {
      await db.query(
        'INSERT INTO health_feed_status (kind, feed, last_batch_at) VALUES (?, ?, ?) ON DUPLICATE KEY UPDATE last_batch_at = GREATEST(last_batch_at, VALUES(last_batch_at))',
        [kind, feed, at],
      );
    },
  };
}

export type HealthFeedsRepo = ReturnType<typeof createHealthFeedsRepo>;
