/** All SQL on `identity_verifications`: one row per verification started, completed once. */
import type { ResultSetHeader, RowDataPacket } from 'mysql2/promise';
import type { Db } from '../../db/pool';

export type VerificationStatus = 'started' | 'passed' | 'failed' | 'refused';

export interface VerificationRow {
  id: string;
  userId: string;
  provider: string;
  idHash: Buffer;
  nameEnc: Buffer;
  idNumberEnc: Buffer;
  providerRef: string | null;
  status: VerificationStatus;
  expiresAt: Date;
}

/** This provider result already completed a verification. */
export class ResultAlreadyUsed extends Error {}

export function createVerificationsRepo(db: Db) {
  return {
    async create(v: Omit<VerificationRow, 'status'>, now: Date): Promise<void> {
      await db.query(
        `INSERT INTO identity_verifications (id, user_id, provider, id_hash, name_enc, id_number_enc, provider_ref, status, created_at, expires_at)
         VALUES (?, ?, ?, ?, ?, ?, ?, 'started', ?, ?)`,
        [v.id, v.userId, v.provider, v.idHash, v.nameEnc, v.idNumberEnc, v.providerRef, now, v.expiresAt],
      );
    },

    async find(id: string): Promise<VerificationRow | null> {
      if (!/^[0-9a-f]{32}$/.test(id)) return null;
      const [rows] = await db.query<RowDataPacket[]>('SELECT * FROM identity_verifications WHERE id = ?', [id]);
      const r = rows[0];
      return r
        ? {
            id: r.id,
            userId: String(r.user_id),
            provider: r.provider,
            idHash: r.id_hash,
            nameEnc: r.name_enc,
            idNumberEnc: r.id_number_enc,
            providerRef: r.provider_ref,
            status: r.status,
            expiresAt: r.expires_at,
          }
        : null;
    },

    /** Moves a started verification to its outcome, recording the provider result that
     * decided it. False when it was no longer `started` (completed concurrently); throws
     * ResultAlreadyUsed when that result already completed another verification. */
    async finish(id: string, status: Exclude<VerificationStatus, 'started'>, resultHash: Buffer, now: Date): Promise<boolean> {
      try {
        const [res] = await db.query<ResultSetHeader>(
          "UPDATE identity_verifications SET status = ?, result_hash = ?, completed_at = ? WHERE id = ? AND status = 'started'",
          [status, resultHash, now, id],
        );
        return res.affectedRows === 1;
      } catch (err) {
        if ((err as { code?: string }).code === 'ER_DUP_ENTRY') throw new ResultAlreadyUsed();
        throw err;
      }
    },

    /** A passed verification whose claim was refused (e.g. another name on file). */
    async refuse(id: string): Promise<void> {
      await db.query("UPDATE identity_verifications SET status = 'refused' WHERE id = ?", [id]);
    },
  };
}

export type VerificationsRepo = ReturnType<typeof createVerificationsRepo>;
