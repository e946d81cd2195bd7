/** All SQL on `user_roles` and its log `role_grant_log` (append-only: INSERT and SELECT). */
import type { PoolConnection, ResultSetHeader, RowDataPacket } from 'mysql2/promise';
import type { Role, RoleGrant } from '@yima/shared';
import type { Db } from '../../db/pool';
import { inTransaction } from '../../db/transaction';

export { ROLES, type Role, type RoleGrant } from '@yima/shared';

/** Who changed a grant: an admin on the operator pages, or the command line (no account). */
export type GrantChanger = { via: 'page'; by: string } | { via: 'cli' };

/** A grant with what the list shows of its account (sealed: the service unseals and masks). */
export interface GrantRow extends RoleGrant {
  userId: string;
  grantedAt: Date;
  phoneEnc: Buffer;
  nameEnc: Buffer | null;
}

async function log(conn: PoolConnection, userId: string, grant: RoleGrant, action: 'grant' | 'revoke', who: GrantChanger, now: Date) {
  await conn.query('INSERT INTO role_grant_log (user_id, role, scope, action, via, by_user_id, at) VALUES (?, ?, ?, ?, ?, ?, ?)', [
    userId,
    grant.role,
    grant.scope,
    action,
    who.via,
    who.via === 'page' ? who.by : null,
    now,
  ]);
}

export function createRolesRepo(db: Db) {
  return {
    async rolesOf(userId: string): Promise<RoleGrant[]> {
      const [rows] = await db.query<RowDataPacket[]>('SELECT role, scope FROM user_roles WHERE user_id = ?', [userId]);
      return rows.map((r) => ({ role: r.role as Role, scope: r.scope as string }));
    },

    /** Grants unless held, and logs it in the same transaction; false when it was held (nothing
     * changed, nothing logged). */
    async grant(userId: string, grant: RoleGrant, who: GrantChanger, now: Date): Promise<boolean> {
      return inTransaction(db, async (conn) => {
        const [res] = await conn.query<ResultSetHeader>('INSERT IGNORE INTO user_roles (user_id, role, scope, granted_at) VALUES (?, ?, ?, ?)', [
          userId,
          grant.role,
          grant.scope,
          now,
        ]);
        if (res.affectedRows !== 1) return false;
        await log(conn, userId, grant, 'grant', who, now);
        return true;
      });
    },

    /** Revokes and logs it in the same transaction; false when it was not held. */
    async revoke(userId: string, grant: RoleGrant, who: GrantChanger, now: Date): Promise<boolean> {
      return inTransaction(db, async (conn) => {
        const [res] = await conn.query<ResultSetHeader>('DELETE FROM user_roles WHERE user_id = ? AND role = ? AND scope = ?', [
          userId,
          grant.role,
          grant.scope,
        ]);
        if (res.affectedRows !== 1) return false;
        await log(conn, userId, grant, 'revoke', who, now);
        return true;
      });
    },

    /** Every grant (or one account's), newest first, at most `limit`. */
    async list(opts: { userId: string | null; limit: number }): Promise<GrantRow[]> {
      const [rows] = await db.query<RowDataPacket[]>(
        `SELECT r.user_id, r.role, r.scope, r.granted_at, u.phone_enc, p.name_enc
         FROM user_roles r JOIN users u ON u.id = r.user_id LEFT JOIN persons p ON p.id = u.person_id
         ${opts.userId ? 'WHERE r.user_id = ?' : ''} ORDER BY r.granted_at DESC, r.user_id DESC LIMIT ?`,
        opts.userId ? [opts.userId, opts.limit] : [opts.limit],
      );
      return rows.map((r) => ({
        userId: String(r.user_id),
        role: r.role as Role,
        scope: r.scope as string,
        grantedAt: r.granted_at,
        phoneEnc: r.phone_enc,
        nameEnc: r.name_enc ?? null,
      }));
    },
  };
}

export type RolesRepo = ReturnType<typeof createRolesRepo>;
