/**
 * Who may verify a paper code online (issue 10, finding 5: any logged-in account learned any
 * holder's current colour and masked name). Venue staff (any place) and admins, who scan at
 * gates; the holder's own account; and whoever files for the holder now. Everyone else gets
 * 403 before anything about the holder is told.
 */
import { DomainError } from '@yima/shared';
import type { RowDataPacket } from 'mysql2/promise';
import type { Db } from '../../db/pool';
import type { RolesRepo } from '../roles';
import { paperCodesPolicy, verifiesAnyHolder } from './policy';

export function createVerifierAccess(d: { db: Db; roles: RolesRepo }) {
  async function holderOrFiler(userId: string, personId: string): Promise<boolean> {
    const [rows] = await d.db.query<RowDataPacket[]>(
      `SELECT EXISTS (SELECT 1 FROM users WHERE id = ? AND person_id = ?)
           OR EXISTS (SELECT 1 FROM dependents WHERE filer_user_id = ? AND person_id = ? AND removed_at IS NULL) AS may`,
      [userId, personId, userId, personId],
    );
    return Number(rows[0].may) === 1;
  }

  return {
    /** Throws 403 FORBIDDEN unless `userId` may learn this holder's colour. */
    async assertMayVerify(userId: string, personId: string): Promise<void> {
      const actor = { userId, grants: await d.roles.rolesOf(userId) };
      if (verifiesAnyHolder(actor)) return;
      if (paperCodesPolicy.can(actor, 'verifyPaperCode', { holderOrFiler: await holderOrFiler(userId, personId) })) return;
      throw new DomainError('FORBIDDEN', 'only venue staff, the holder and the people filing for them may verify a paper code');
    },
  };
}

export type VerifierAccess = ReturnType<typeof createVerifierAccess>;
