/** GET /api/me/audit: the resident's own colour history, newest first, as codes and notes the
 * client words (docs/decisions/0017-one-home-for-wording.md). */
import type { AuditEntry } from '@yima/shared';
import type { UsersRepo } from '../identity';
import type { Restriction } from '../identity';
import { registrationRequired } from '../identity';
import type { HistoryRepo } from './historyRepo';

const MAX_ENTRIES = 200;

export function createAuditService(d: { users: UsersRepo; history: HistoryRepo; restriction: Restriction }) {
  return {
    /** The account's own history; closed to an unverified account whose history holds what
     * others reported (docs/decisions/0008). */
    async mine(userId: string): Promise<{ entries: AuditEntry[] }> {
      const user = await d.users.findById(userId);
      if (!user?.idHash) throw registrationRequired();
      await d.restriction.assertFullAccess(user);
      return this.of(user.idHash);
    },

    /** A person's history, for themselves or a relative filing for them. */
    async of(idHash: Buffer): Promise<{ entries: AuditEntry[] }> {
      const rows = await d.history.listFor(idHash, MAX_ENTRIES);
      return {
        entries: rows.map((r) => ({
          at: r.at.toISOString(),
          from: r.oldColor,
          to: r.newColor,
          decidedBy: r.decidedBy,
          actor: r.actor,
          reasonCode: r.reasonCode,
          params: r.reasonParams,
          note: r.reasonText,
        })),
      };
    },
  };
}
export type AuditService = ReturnType<typeof createAuditService>;
