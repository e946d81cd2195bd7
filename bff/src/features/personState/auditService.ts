/** GET /api/me/audit: the resident's own history, newest first — every change of their colour,
 * and every time someone looked at their record through a dashboard — as codes and notes the
 * client words (docs/decisions/0017-one-home-for-wording.md, 0019). */
import type { AuditEntry } from '@yima/shared';
import type { UsersRepo } from '../identity';
import type { Restriction } from '../identity';
import { registrationRequired } from '../identity';
import type { HistoryRepo } from './historyRepo';
import type { RecordView, RecordViewsRepo } from './recordViewsRepo';

const MAX_ENTRIES = 200;

/** Who looked: `community-worker:<grid>#<user>` (as a mark's `authority:<district>#<user>`), or `admin#<user>`. */
const viewer = (v: RecordView) => (v.reasonCode === 'VIEWED_BY_ADMIN' ? `admin#${v.viewerUserId}` : `community-worker:${v.scope}#${v.viewerUserId}`);

/** A view as a line of the history: the colour shown is both `from` and `to`. */
const viewEntry = (v: RecordView): AuditEntry => ({
  at: v.at.toISOString(),
  from: v.color,
  to: v.color,
  decidedBy: v.decidedBy,
  actor: viewer(v),
  reasonCode: v.reasonCode,
  note: '',
  params: { scope: v.scope, scopeName: v.scopeName },
});

/** Two lists, each newest first, as one of at most `limit`: each keeps its own order (the
 * history's is its rows' order), and a view goes before the changes no newer than it — the
 * colour it records is the one after a change of the same instant. */
function mergeNewestFirst(changes: AuditEntry[], views: AuditEntry[], limit: number): AuditEntry[] {
  const out: AuditEntry[] = [];
  let c = 0;
  let v = 0;
  while (out.length < limit && (c < changes.length || v < views.length)) {
    const viewFirst = v < views.length && (c >= changes.length || Date.parse(views[v].at) >= Date.parse(changes[c].at));
    out.push(viewFirst ? views[v++] : changes[c++]);
  }
  return out;
}

export function createAuditService(d: { users: UsersRepo; history: HistoryRepo; views: RecordViewsRepo; restriction: Restriction }) {
  return {
    /** The account's own history; closed to an unverified account whose history holds what
     * others reported (docs/decisions/0008). */
    async mine(userId: string): Promise<{ entries: AuditEntry[] }> {
      const user = await d.users.findById(userId);
      if (!user?.idHash) throw registrationRequired();
      await d.restriction.assertFullAccess(user);
      return this.of(user.idHash);
    },

    /** A person's history, for themselves or a relative filing for them: the newest
     * MAX_ENTRIES of changes and views together. */
    async of(idHash: Buffer): Promise<{ entries: AuditEntry[] }> {
      const [rows, views] = await Promise.all([d.history.listFor(idHash, MAX_ENTRIES), d.views.listFor(idHash, MAX_ENTRIES)]);
      const changes = rows.map((r): AuditEntry => ({
        at: r.at.toISOString(),
        from: r.oldColor,
        to: r.newColor,
        decidedBy: r.decidedBy,
        actor: r.actor,
        reasonCode: r.reasonCode,
        params: r.reasonParams,
        note: r.reasonText,
      }));
      return { entries: mergeNewestFirst(changes, views.map(viewEntry), MAX_ENTRIES) };
    },
  };
}
export type AuditService = ReturnType<typeof createAuditService>;
