/** All SQL on `marks`. A mark is never deleted: lifting sets lifted_* once. */
import type { PoolConnection, ResultSetHeader, RowDataPacket } from 'mysql2/promise';
import type { MarkColor, MarkReasonCode } from '@yima/shared';
import type { Db } from '../../db/pool';

export interface MarkRow {
  id: string;
  idHash: Buffer;
  /** The ID number masked, kept since migration 013 (null before). */
  idMasked: string | null;
  district: string;
  color: MarkColor;
  reasonCode: MarkReasonCode;
  note: string;
  legalBasis: string;
  setBy: string;
  effectiveAt: Date;
  expiresAt: Date | null;
  liftedAt: Date | null;
  liftReason: string | null;
}

export type NewMark = Omit<MarkRow, 'id' | 'liftedAt' | 'liftReason'>;

/** A listed mark, with the sealed ID number of the person's record for a mark older than
 * `id_masked` (null where the city has no record of them). */
export type ListedMark = MarkRow & { idNumberEnc: Buffer | null };

function toMark(r: RowDataPacket): MarkRow {
  return {
    id: String(r.id),
    idHash: r.id_hash,
    idMasked: r.id_masked ?? null,
    district: r.district,
    color: r.color,
    reasonCode: r.reason_code,
    note: r.note,
    legalBasis: r.legal_basis,
    setBy: String(r.set_by),
    effectiveAt: r.effective_at,
    expiresAt: r.expires_at,
    liftedAt: r.lifted_at,
    liftReason: r.lift_reason ?? null,
  };
}

export function createMarksRepo(db: Db) {
  return {
    /** Marks in force for these people: not lifted and not expired. */
    async activeFor(hashes: Buffer[], now: Date, conn: Pick<Db, 'query'> = db): Promise<MarkRow[]> {
      if (!hashes.length) return [];
      const [rows] = await conn.query<RowDataPacket[]>(
        'SELECT * FROM marks WHERE id_hash IN (?) AND lifted_at IS NULL AND (expires_at IS NULL OR expires_at > ?) ORDER BY id',
        [hashes, now],
      );
      return rows.map(toMark);
    },

    async find(id: string, conn: Pick<Db, 'query'> = db): Promise<MarkRow | null> {
      const [rows] = await conn.query<RowDataPacket[]>('SELECT * FROM marks WHERE id = ?', [id]);
      return rows[0] ? toMark(rows[0]) : null;
    },

    /** Adds a mark; an earlier active mark of the same district for the same person is
     * superseded (lifted with a note) in the same transaction. */
    async add(conn: PoolConnection, mark: NewMark): Promise<string> {
      await conn.query(
        `UPDATE marks SET lifted_at = ?, lifted_by = ?, lift_reason = 'superseded by a newer mark of the same authority'
         WHERE id_hash = ? AND district = ? AND lifted_at IS NULL`,
        [mark.effectiveAt, mark.setBy, mark.idHash, mark.district],
      );
      const [res] = await conn.query<ResultSetHeader>(
        `INSERT INTO marks (id_hash, id_masked, district, color, reason_code, note, legal_basis, set_by, effective_at, expires_at)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
        [mark.idHash, mark.idMasked, mark.district, mark.color, mark.reasonCode, mark.note, mark.legalBasis, mark.setBy, mark.effectiveAt, mark.expiresAt],
      );
      return String(res.insertId);
    },

    /** Lifts every active mark of `district` on this person set by `setUpTo`, in the caller's
     * transaction (an authority approving a conversion request, decision 0022: the marks the
     * request was about — one set later is a finding nobody reviewed); returns how many. */
    async liftAllOf(conn: Pick<Db, 'query'>, idHash: Buffer, district: string, by: string, reason: string, at: Date, setUpTo: Date): Promise<number> {
      const [res] = await conn.query<ResultSetHeader>(
        'UPDATE marks SET lifted_at = ?, lifted_by = ?, lift_reason = ? WHERE id_hash = ? AND district = ? AND lifted_at IS NULL AND effective_at <= ?',
        [at, by, reason, idHash, district, setUpTo],
      );
      return res.affectedRows;
    },

    /** A page of marks, newest first: ids below `before`, of districts beginning with one of
     * `prefixes` (`all`: any), in force at `now` or not (`active`). One more row than asked
     * says whether another page follows. */
    async page(opts: {
      prefixes: 'all' | string[];
      district: string | null;
      active: boolean | null;
      before: string | null;
      now: Date;
      limit: number;
    }): Promise<{ rows: ListedMark[]; more: boolean }> {
      if (opts.prefixes !== 'all' && !opts.prefixes.length) return { rows: [], more: false };
      const conditions: [string, unknown[]][] = [];
      if (opts.prefixes !== 'all') {
        conditions.push([`(${opts.prefixes.map(() => "m.district LIKE CONCAT(?, '%')").join(' OR ')})`, opts.prefixes]);
      }
      if (opts.district) conditions.push(['m.district = ?', [opts.district]]);
      if (opts.before) conditions.push(['m.id < ?', [opts.before]]);
      const inForce = 'm.lifted_at IS NULL AND (m.expires_at IS NULL OR m.expires_at > ?)';
      if (opts.active !== null) conditions.push([opts.active ? `(${inForce})` : `NOT (${inForce})`, [opts.now]]);
      const [rows] = await db.query<RowDataPacket[]>(
        `SELECT m.*, p.id_number_enc FROM marks m LEFT JOIN persons p ON m.id_masked IS NULL AND p.id_hash = m.id_hash
         ${conditions.length ? `WHERE ${conditions.map(([sql]) => sql).join(' AND ')}` : ''} ORDER BY m.id DESC LIMIT ?`,
        [...conditions.flatMap(([, values]) => values), opts.limit + 1],
      );
      const listed = rows.slice(0, opts.limit).map((r) => ({ ...toMark(r), idNumberEnc: (r.id_number_enc as Buffer | null) ?? null }));
      return { rows: listed, more: rows.length > opts.limit };
    },

    /** Lifts a mark that is still active; false when someone lifted it first. */
    async lift(id: string, by: string, reason: string, at: Date): Promise<boolean> {
      const [res] = await db.query<ResultSetHeader>('UPDATE marks SET lifted_at = ?, lifted_by = ?, lift_reason = ? WHERE id = ? AND lifted_at IS NULL', [
        at,
        by,
        reason,
        id,
      ]);
      return res.affectedRows === 1;
    },
  };
}

export type MarksRepo = ReturnType<typeof createMarksRepo>;
