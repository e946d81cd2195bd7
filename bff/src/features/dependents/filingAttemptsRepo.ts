/** All SQL on `filing_attempts`: insert and read only — the table is an audit trail. */
import type { RowDataPacket } from 'mysql2/promise';
import type { FilingOutcome, Relation } from '@yima/shared';
import type { Db } from '../../db/pool';

export interface FilingAttempt {
  filerUserId: string;
  targetIdHash: Buffer;
  relation: Relation;
  relationText: string | null;
  outcome: FilingOutcome;
  at: Date;
}

/** An attempt as the person it targeted sees it, with the filer's sealed name. */
export interface FilingAttemptRow extends FilingAttempt {
  filerNameEnc: Buffer | null;
}

export function createFilingAttemptsRepo(db: Db) {
  return {
    async record(a: FilingAttempt, conn: Pick<Db, 'query'> = db): Promise<void> {
      await conn.query('INSERT INTO filing_attempts (filer_user_id, target_id_hash, relation, relation_text, outcome, at) VALUES (?, ?, ?, ?, ?, ?)', [
        a.filerUserId,
        a.targetIdHash,
        a.relation,
        a.relationText,
        a.outcome,
        a.at,
      ]);
    },

    /** The newest attempts on one ID number, newest first. */
    async ofTarget(idHash: Buffer, limit: number): Promise<FilingAttemptRow[]> {
      const [rows] = await db.query<RowDataPacket[]>(
        `SELECT a.*, fp.name_enc AS filer_name_enc FROM filing_attempts a
           JOIN users fu ON fu.id = a.filer_user_id LEFT JOIN persons fp ON fp.id = fu.person_id
         WHERE a.target_id_hash = ? ORDER BY a.id DESC LIMIT ?`,
        [idHash, limit],
      );
      return rows.map((r) => ({
        filerUserId: String(r.filer_user_id),
        targetIdHash: r.target_id_hash,
        relation: r.relation,
        relationText: r.relation_text,
        outcome: r.outcome,
        at: r.at,
        filerNameEnc: r.filer_name_enc ?? null,
      }));
    },
  };
}

export type FilingAttemptsRepo = ReturnType<typeof createFilingAttemptsRepo>;
