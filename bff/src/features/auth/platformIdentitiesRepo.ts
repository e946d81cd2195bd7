/** All SQL on `platform_identities`: which WeChat openid / Alipay user id is whose. */
import type { RowDataPacket } from 'mysql2';
import type { Db } from '../../db/pool';
import { inTransaction } from '../../db/transaction';
import type { PlatformIdentity } from './linkTickets';

export function createPlatformIdentitiesRepo(db: Db) {
  return {
    async findUserId(identity: PlatformIdentity): Promise<string | null> {
      const [rows] = await db.query<RowDataPacket[]>('SELECT user_id FROM platform_identities WHERE platform = ? AND subject = ?', [
        identity.platform,
        identity.subject,
      ]);
      return rows[0] ? String(rows[0].user_id) : null;
    },

    /** Ties the identity to the user. A user has one identity per platform and an identity
     * one user: relinking (a new WeChat account, or a phone number that changed hands)
     * replaces the old tie, in one transaction. */
    async link(identity: PlatformIdentity, userId: string, now: Date): Promise<void> {
      await inTransaction(db, async (conn) => {
        await conn.query('DELETE FROM platform_identities WHERE (platform = ? AND subject = ?) OR (user_id = ? AND platform = ?)', [
          identity.platform,
          identity.subject,
          userId,
          identity.platform,
        ]);
        await conn.query('INSERT INTO platform_identities (platform, subject, user_id, linked_at) VALUES (?, ?, ?, ?)', [
          identity.platform,
          identity.subject,
          userId,
          now,
        ]);
      });
    },
  };
}

export type PlatformIdentitiesRepo = ReturnType<typeof createPlatformIdentitiesRepo>;
