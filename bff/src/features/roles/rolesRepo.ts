/** All SQL on `user_roles`. */
import type { RowDataPacket } from 'mysql2';
import type { Role, RoleGrant } from '@yima/shared';
import type { Db } from '../../db/pool';

export { ROLES, type Role, type RoleGrant } from '@yima/shared';

export function createRolesRepo(db: Db) {
  return {
    async rolesOf(userId: string): Promise<RoleGrant[]> {
      const [rows] = await db.query<RowDataPacket[]>('SELECT role, scope FROM user_roles WHERE user_id = ?', [userId]);
      return rows.map((r) => ({ role: r.role as Role, scope: r.scope as string }));
    },
    async grant(userId: string, grant: RoleGrant, now: Date): Promise<void> {
      await db.query('INSERT IGNORE INTO user_roles (user_id, role, scope, granted_at) VALUES (?, ?, ?, ?)', [userId, grant.role, grant.scope, now]);
    },
    async revoke(userId: string, grant: RoleGrant): Promise<number> {
      const [res] = await db.query<import('mysql2').ResultSetHeader>('DELETE FROM user_roles WHERE user_id = ? AND role = ? AND scope = ?', [
        userId,
        grant.role,
        grant.scope,
      ]);
      return res.affectedRows;
    },
  };
}

export type RolesRepo = ReturnType<typeof createRolesRepo>;
