/** All SQL on `paper_codes`. Rows are revoked, never deleted before they expire. */
import type { ResultSetHeader, RowDataPacket } from 'mysql2/promise';
import { COLORS, SEVERITY, type Color } from '@yima/shared';
import type { Db } from '../../db/pool';
import { inTransaction } from '../../db/transaction';

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

/** What issuing may do while it holds the person's lock. */
export interface PaperCodesTx {
  current(now: Date): Promise<PaperCodeRow | null>;
  findByTokenId(tokenId: string): Promise<PaperCodeRow | null>;
  /** Revokes the person's valid codes ('reissued') and inserts this one; its id. */
  replaceWith(c: Omit<PaperCodeRow, 'id' | 'personId' | 'revokedAt' | 'revokeReason'>): Promise<string>;
}

type Query = Pick<Db, 'query'>;

async function findByTokenId(q: Query, tokenId: string): Promise<PaperCodeRow | null> {
  const [rows] = await q.query<RowDataPacket[]>('SELECT * FROM paper_codes WHERE token_id = ?', [tokenId]);
  return rows[0] ? toRow(rows[0]) : null;
}

async function currentOf(q: Query, personId: string, now: Date): Promise<PaperCodeRow | null> {
  const [rows] = await q.query<RowDataPacket[]>(
    'SELECT * FROM paper_codes WHERE person_id = ? AND revoked_at IS NULL AND expires_at > ? ORDER BY id DESC LIMIT 1',
    [personId, now],
  );
  return rows[0] ? toRow(rows[0]) : null;
}

export function createPaperCodesRepo(db: Db) {
  return {
    /**
     * Runs `work` in a transaction holding the person row's lock, so issuing for one person
     * is one at a time: ten concurrent requests see each other's card instead of racing to
     * insert the same token (issue 10, finding 6: 9 × 500 duplicate entry).
     */
    async withPersonLocked<T>(personId: string, work: (tx: PaperCodesTx) => Promise<T>): Promise<T> {
      return inTransaction(db, async (conn) => {
        await conn.query('SELECT id FROM persons WHERE id = ? FOR UPDATE', [personId]);
        return work({
          current: (now) => currentOf(conn, personId, now),
          findByTokenId: (tokenId) => findByTokenId(conn, tokenId),
          async replaceWith(c) {
            await conn.query(
              "UPDATE paper_codes SET revoked_at = ?, revoke_reason = 'reissued' WHERE person_id = ? AND revoked_at IS NULL AND expires_at > ?",
              [c.issuedAt, personId, c.issuedAt],
            );
            const [res] = await conn.query<ResultSetHeader>(
              'INSERT INTO paper_codes (person_id, token_id, color, kid, issued_by, issued_at, expires_at) VALUES (?, ?, ?, ?, ?, ?, ?)',
              [personId, c.tokenId, c.color, c.kid, c.issuedBy, c.issuedAt, c.expiresAt],
            );
            return String(res.insertId);
          },
        });
      });
    },

    /** The person's valid paper code (not revoked, not expired), if any. */
    current: (personId: string, now: Date) => currentOf(db, personId, now),

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

    findByTokenId: (tokenId: string) => findByTokenId(db, tokenId),

    /** Revoked codes not yet expired: the published revocation list. */
    async revokedValid(now: Date): Promise<{ tokenId: string; expiresAt: Date }[]> {
      const [rows] = await db.query<RowDataPacket[]>(
        'SELECT token_id, expires_at FROM paper_codes WHERE revoked_at IS NOT NULL AND expires_at > ? ORDER BY expires_at',
        [now],
      );
      return rows.map((r) => ({ tokenId: r.token_id, expiresAt: r.expires_at }));
    },
  };
}

export type PaperCodesRepo = ReturnType<typeof createPaperCodesRepo>;
