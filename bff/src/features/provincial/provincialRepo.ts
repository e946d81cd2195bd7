/**
 * All SQL on `provincial_states`. Batches write thousands of rows per statement, so the
 * statement text is built here directly (hex literals, pre-formatted times) rather than by
 * the driver's per-value formatting, which cost a third of the ingest time.
 */
import type { PoolConnection, ResultSetHeader, RowDataPacket } from 'mysql2/promise';
import type { Db } from '../../db/pool';
import { hexList } from '../../db/sqlLiterals';
import type { ProvincialSource } from '../personState';

/** A stored provincial state: the shape person state reads (its port), declared there once. */
export type ProvincialState = ProvincialSource;

function toState(r: RowDataPacket): ProvincialState {
  return {
    idHash: r.id_hash,
    color: r.color,
    reasonCode: r.reason_code,
    reasonText: r.reason_text,
    setBy: r.set_by,
    effectiveAt: r.effective_at,
    receivedAt: r.received_at,
    version: Number(r.version),
  };
}

/** Inserts or replaces states; a row only ever moves to a newer version (the guard holds
 * even against a concurrent writer that read before us). `version` is assigned last
 * because MySQL evaluates the assignments left to right. */
async function upsertValues(conn: PoolConnection, values: string): Promise<{ applied: number }> {
  const newer = 'VALUES(version) > version';
  const [res] = await conn.query<ResultSetHeader>(
    `INSERT INTO provincial_states (id_hash, color, reason_code, reason_text, set_by, effective_at, received_at, version) VALUES ${values}
     ON DUPLICATE KEY UPDATE color = IF(${newer}, VALUES(color), color), reason_code = IF(${newer}, VALUES(reason_code), reason_code),
       reason_text = IF(${newer}, VALUES(reason_text), reason_text), set_by = IF(${newer}, VALUES(set_by), set_by),
       effective_at = IF(${newer}, VALUES(effective_at), effective_at), received_at = IF(${newer}, VALUES(received_at), received_at),
       version = GREATEST(version, VALUES(version))`,
  );
  // The pool counts changed rows (db/pool.ts: no FOUND_ROWS): an insert counts 1, a row
  // moved to a newer version 2, a row left alone 0. A multi-row statement also reports
  // "Records: N  Duplicates: U", where MariaDB's U is the number of rows updated, so
  // inserts + updates = affectedRows − U. (Checked by the integration tests' counts.)
  const m = /Records: (\d+)\s+Duplicates: (\d+)/.exec(res.info ?? '');
  if (!m) return { applied: res.affectedRows > 0 ? 1 : 0 }; // one row: 0, 1 or 2
  return { applied: res.affectedRows - Number(m[2]) };
}

export function createProvincialRepo(db: Db) {
  return {
    async statesOf(hashes: Buffer[], conn: Pick<Db, 'query'> = db): Promise<ProvincialState[]> {
      if (!hashes.length) return [];
      const [rows] = await conn.query<RowDataPacket[]>(`SELECT * FROM provincial_states WHERE id_hash IN (${hexList(hashes)})`);
      return rows.map(toState);
    },

    /** Versions held for these people, locked until the transaction ends. */
    async lockVersions(conn: PoolConnection, hashes: Buffer[]): Promise<Map<string, number>> {
      const [rows] = await conn.query<RowDataPacket[]>(`SELECT id_hash, version FROM provincial_states WHERE id_hash IN (${hexList(hashes)}) FOR UPDATE`);
      return new Map(rows.map((r) => [(r.id_hash as Buffer).toString('hex'), Number(r.version)]));
    },

    /** Upserts a chunk's prebuilt VALUES list (chunks.ts). */
    upsertValues,

    /** Inserts or replaces states; a row only ever moves to a newer version (the guard holds
     * even against a concurrent writer that read before us). `version` is assigned last
     * because MySQL evaluates the assignments left to right. */
  };
}

export type ProvincialRepo = ReturnType<typeof createProvincialRepo>;
