/** GET /api/me/audit: the resident's own colour history, newest first, in their language. */
import { isMarkReason, markReasonText, reasonText, REASON_CODES, type AuditEntry, type Locale, type ReasonCode } from '@yima/shared';
import type { UsersRepo } from '../identity';
import type { Restriction } from '../identity';
import { registrationRequired } from '../identity';
import type { HistoryRepo } from './historyRepo';

const MAX_ENTRIES = 200;
const LIFTED: Record<Locale, string> = { zh: '标记已解除', en: 'Mark lifted' };

function describe(code: string, text: string, locale: Locale): string {
  if ((REASON_CODES as readonly string[]).includes(code)) return reasonText(code as ReasonCode, locale).text;
  if (isMarkReason(code)) return text ? `${markReasonText(code, locale).text}：${text}` : markReasonText(code, locale).text;
  if (code === 'MARK_LIFTED') return text ? `${LIFTED[locale]}：${text}` : LIFTED[locale];
  return text || code;
}

export function createAuditService(d: { users: UsersRepo; history: HistoryRepo; restriction: Restriction }) {
  return {
    /** The account's own history; closed to an unverified account whose history holds what
     * others reported (docs/decisions/0008). */
    async mine(userId: string): Promise<{ entries: AuditEntry[] }> {
      const user = await d.users.findById(userId);
      if (!user?.idHash) throw registrationRequired();
      await d.restriction.assertFullAccess(user);
      return this.of(user.idHash, user.locale);
    },

    /** A person's history, for themselves or a relative filing for them. */
    async of(idHash: Buffer, locale: Locale): Promise<{ entries: AuditEntry[] }> {
      const rows = await d.history.listFor(idHash, MAX_ENTRIES);
      return {
        entries: rows.map((r) => ({
          at: r.at.toISOString(),
          from: r.oldColor,
          to: r.newColor,
          decidedBy: r.decidedBy,
          actor: r.actor,
          reasonCode: r.reasonCode,
          reason: describe(r.reasonCode, r.reasonText, locale),
        })),
      };
    },
  };
}
export type AuditService = ReturnType<typeof createAuditService>;
