/** All SQL on `paper_codes`. Rows are revoked, never deleted before they expire. */
import type { ResultSetHeader, RowDataPacket } from 'mysql2/promise';
import { COLORS, SEVERITY, type Color } from '@yima/shared';
import type { Db } from '../../db/pool';

export interface PaperCodeRow {
  id: string;
  personId: string;
  tokenId: string;
  color: Color;
  kid: number;
  issuedBy: string;
  issuedAt: Date;
  expiresAt: Date;
  revokedAt: Date | null;
  revokeReason: string | null;
}

function toRow(r: RowDataPacket): PaperCodeRow {
  return {
    id: String(r.id),
    personId: String(r.person_id),
    tokenId: r.token_id,
    color: r.color,
    kid: Number(r.kid),
    issuedBy: String(r.issued_by),
    issuedAt: r.issued_at,
    expiresAt: r.expires_at,
    revokedAt: r.revoked_at,
    revokeReason: r.revoke_reason,
  };
}

export function createPaperCodesRepo(db: Db) {
  return {
    /** A new paper code; the person's earlier ones still valid are revoked in the same step. */
    async issue(c: Omit<PaperCodeRow, 'id' | 'revokedAt' | 'revokeReason'>): Promise<string> {
      const conn = await db.getConnection();
      try {
        await conn.beginTransaction();
        await conn.query("UPDATE paper_codes SET revoked_at = ?, revoke_reason = 'reissued' WHERE person_id = ? AND revoked_at IS NULL AND expires_at > ?", [c.issuedAt, c.personId, c.issuedAt]);
        const [res] = await conn.query<ResultSetHeader>(
          'INSERT INTO paper_codes (person_id, token_id, color, kid, issued_by, issued_at, expires_at) VALUES (?, ?, ?, ?, ?, ?, ?)',
          [c.personId, c.tokenId, c.color, c.kid, c.issuedBy, c.issuedAt, c.expiresAt],
        );
        await conn.commit();
        return String(res.insertId);
      } catch (err) {
        await conn.rollback();
        throw err;
      } finally {
        conn.release();
      }
    },

    /** Revokes the person's valid paper codes printed with a colour less severe than `color`. */
    async revokeMilderThan(personIds: string[], color: Color, at: Date, conn: Pick<Db, 'query'> = db): Promise<number> {
      const milder = COLORS.filter((c) => SEVERITY[c] < SEVERITY[color]);
      if (!personIds.length || !milder.length) return 0;
      const [res] = await conn.query<ResultSetHeader>(
        "UPDATE paper_codes SET revoked_at = ?, revoke_reason = 'colour-worse' WHERE person_id IN (?) AND revoked_at IS NULL AND expires_at > ? AND color IN (?)",
        [at, personIds, at, milder],
      );
      return res.affectedRows;
    },

    async find(id: string): Promise<PaperCodeRow | null> {
      if (!/^\d{1,18}$/.test(id)) return null;
      const [rows] = await db.query<RowDataPacket[]>('SELECT * FROM paper_codes WHERE id = ?', [id]);
      return rows[0] ? toRow(rows[0]) : null;
    },

    async findByTokenId(tokenId: string): Promise<PaperCodeRow | null> {
      const [rows] = await db.query<RowDataPacket[]>('SELECT * FROM paper_codes WHERE token_id = ?', [tokenId]);
      return rows[0] ? toRow(rows[0]) : null;
    },

    /** Revoked codes not yet expired: the published revocation list. */
    async revokedValid(now: Date): Promise<{ tokenId: string; expiresAt: Date }[]> {
      const [rows] = await db.query<RowDataPacket[]>('SELECT token_id, expires_at FROM paper_codes WHERE revoked_at IS NOT NULL AND expires_at > ? ORDER BY expires_at', [now]);
      return rows.map((r) => ({ tokenId: r.token_id, expiresAt: r.expires_at }));
    },
  };
}

export type PaperCodesRepo = ReturnType<typeof createPaperCodesRepo>;
