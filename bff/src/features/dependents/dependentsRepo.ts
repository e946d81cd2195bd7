/** All SQL on `dependents` (filings) and `proxy_actions` (who did what for whom). */
import type { PoolConnection, ResultSetHeader, RowDataPacket } from 'mysql2/promise';
import type { Relation } from '@yima/shared';
import type { Db } from '../../db/pool';

export interface Filing {
  id: string;
  filerUserId: string;
  personId: string;
  relation: Relation;
  relationText: string | null;
  createdAt: Date;
  removedAt: Date | null;
}

/** A filing with the filer's sealed name (their own registration). */
export interface FilingWithFiler extends Filing {
  filerNameEnc: Buffer | null;
}

export type ProxyAction =
  | 'file'
  | 'view-code'
  | 'view-audit'
  | 'checkin'
  | 'paper-code'
  | 'view-paper-code'
  | 'visit'
  | 'stop-filing'
  | 'removed-by-person'
  | 'conversion'
  | 'view-conversions'
  | 'view-health-records';

function toFiling(r: RowDataPacket): FilingWithFiler {
  return {
    id: String(r.id),
    filerUserId: String(r.filer_user_id),
    personId: String(r.person_id),
    relation: r.relation,
    relationText: r.relation_text,
    createdAt: r.created_at,
    removedAt: r.removed_at,
    filerNameEnc: r.filer_name_enc ?? null,
  };
}

const SELECT = `SELECT d.*, fp.name_enc AS filer_name_enc FROM dependents d
  JOIN users fu ON fu.id = d.filer_user_id LEFT JOIN persons fp ON fp.id = fu.person_id`;

export function createDependentsRepo(db: Db) {
  return {
    /** The filer's active filings, locked (the limit and duplicate checks run under it). */
    async lockActiveOfFiler(conn: PoolConnection, filerUserId: string): Promise<Filing[]> {
      await conn.query('SELECT id FROM users WHERE id = ? FOR UPDATE', [filerUserId]);
      const [rows] = await conn.query<RowDataPacket[]>('SELECT * FROM dependents WHERE filer_user_id = ? AND removed_at IS NULL', [filerUserId]);
      return rows.map(toFiling);
    },

    async add(conn: PoolConnection, f: { filerUserId: string; personId: string; relation: Relation; relationText: string | null; at: Date }): Promise<string> {
      const [res] = await conn.query<ResultSetHeader>(
        'INSERT INTO dependents (filer_user_id, person_id, relation, relation_text, consent_at, created_at) VALUES (?, ?, ?, ?, ?, ?)',
        [f.filerUserId, f.personId, f.relation, f.relationText, f.at, f.at],
      );
      return String(res.insertId);
    },

    async activeOfFiler(filerUserId: string): Promise<FilingWithFiler[]> {
      const [rows] = await db.query<RowDataPacket[]>(`${SELECT} WHERE d.filer_user_id = ? AND d.removed_at IS NULL ORDER BY d.id`, [filerUserId]);
      return rows.map(toFiling);
    },

    /** Everyone filing for these people (for "also filed by" and the person's own list). */
    async activeForPersons(personIds: string[]): Promise<FilingWithFiler[]> {
      if (!personIds.length) return [];
      const [rows] = await db.query<RowDataPacket[]>(`${SELECT} WHERE d.person_id IN (?) AND d.removed_at IS NULL ORDER BY d.id`, [personIds]);
      return rows.map(toFiling);
    },

    async find(id: string): Promise<FilingWithFiler | null> {
      if (!/^\d{1,18}$/.test(id)) return null;
      const [rows] = await db.query<RowDataPacket[]>(`${SELECT} WHERE d.id = ?`, [id]);
      return rows[0] ? toFiling(rows[0]) : null;
    },

    /** Ends a filing; false when it had already ended. */
    async end(id: string, by: string, at: Date): Promise<boolean> {
      const [res] = await db.query<ResultSetHeader>('UPDATE dependents SET removed_at = ?, removed_by = ? WHERE id = ? AND removed_at IS NULL', [at, by, id]);
      return res.affectedRows === 1;
    },

    async recordAction(actorUserId: string, personId: string, action: ProxyAction, at: Date, conn: Pick<Db, 'query'> = db): Promise<void> {
      await conn.query('INSERT INTO proxy_actions (actor_user_id, person_id, action, at) VALUES (?, ?, ?, ?)', [actorUserId, personId, action, at]);
    },
  };
}

export type DependentsRepo = ReturnType<typeof createDependentsRepo>;
