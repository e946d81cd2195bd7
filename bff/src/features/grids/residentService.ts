/**
 * A grid's residents as its community workers see them (SPEC C8): masked, with the merged
 * colour their code page shows (the person state's own load and merge, never a second
 * evaluation), whether they checked in today and how long overdue. Opening one resident is
 * written to their history (`GET /api/me/audit`). Who may ask for which grid is the route's
 * (gridsPolicy); that the person lies in the grid asked for is checked here.
 */
import {
  chinaDate,
  DomainError,
  gridCovers,
  maskName,
  type GridResident,
  type GridResidentDetail,
  type GridResidentList,
  type MergePolicy,
  type ResidentFilter,
} from '@yima/shared';
import type { Clock } from '../../clock';
import type { Pii } from '../../crypto/pii';
import type { Actor } from '../../policy/actor';
import type { CheckinsRepo } from '../checkins';
import { explainMerge } from '../code';
import { storedSources, type DriftSettler, type Evaluation, type PersonSources, type PersonStates, type RecordViewsRepo } from '../personState';
import { checkinStatus, isOverdue } from './checkinStatus';
import type { GridDirectory } from './gridDirectory';
import type { GridMember, MemberKey, PersonGridsRepo } from './personGridsRepo';
import { coveringGrid } from './policy';

/** Residents per page unless asked (at most 100: the contract's `limit`). */
export const DEFAULT_PAGE = 50;
/** Residents one request looks at, at most: a filter that matches few in a large grid answers
 * a short page with a cursor rather than reading the whole grid (docs/api.md). */
export const MAX_SCAN = 1000;
/** Residents loaded and merged together (the person state reads many in five queries). */
const BATCH = 200;
/** The check-ins a resident's detail shows. */
const RECENT_DAYS = 14;

const keyOf = (m: Pick<GridMember, 'gridCode' | 'personId'>): string => `${m.gridCode}-${m.personId}`;
function parseKey(cursor: string | undefined): MemberKey | null {
  if (!cursor) return null;
  const [gridCode, personId] = cursor.split('-');
  return { gridCode, personId };
}

const notInGrid = () => new DomainError('NOT_FOUND', 'no such resident in this grid');

/** Whether a resident passes the filter; `pending`: a conversion request of theirs waits for
 * the grid's workers (decision 0022). */
const matches = (filter: ResidentFilter | null, e: Evaluation, pending: boolean): boolean => {
  if (filter === null) return true;
  if (filter === 'overdue') return isOverdue(e.local);
  if (filter === 'pending') return pending;
  return e.merged.color === filter;
};

/** Which of these people have a conversion request waiting for a grid's community workers
 * (features/conversions implements it; a port, as conversions reads grids). */
export interface PendingConversions {
  pendingAmong(personIds: string[]): Promise<Set<string>>;
}

export function createResidentService(d: {
  directory: Pick<GridDirectory, 'get' | 'find'>;
  personGrids: PersonGridsRepo;
  states: Pick<PersonStates, 'loadMany' | 'mergeOf'>;
  checkins: Pick<CheckinsRepo, 'since'>;
  views: Pick<RecordViewsRepo, 'append'>;
  /** Told of a colour that moved with time alone, as the code page tells it. */
  drift: Pick<DriftSettler, 'notice'>;
  pii: Pii;
  clock: Clock;
  merge: { policy: MergePolicy; hotline: string };
  conversions: PendingConversions;
}) {
  /** Each member's sources and merge now. */
  async function evaluateAll(members: GridMember[], now: Date): Promise<Map<string, { person: PersonSources; evaluation: Evaluation }>> {
    const loaded = await d.states.loadMany(members.map((m) => m.idHash));
    const out = new Map<string, { person: PersonSources; evaluation: Evaluation }>();
    for (const m of members) {
      const person = loaded.get(m.idHash.toString('hex'))!;
      const evaluation = await d.states.mergeOf(person, now);
      if (evaluation.merged.color !== (person.recordedColor ?? 'grey')) d.drift.notice(m.idHash.toString('hex'));
      out.set(m.personId, { person, evaluation });
    }
    return out;
  }

  const nameOf = (m: GridMember) => maskName(d.pii.decrypt('name', m.nameEnc));
  const gridOf = (m: GridMember) => ({ code: m.gridCode, name: m.gridName });

  return {
    /** A page of the residents whose grid lies within `code`, optionally filtered. */
    async list(code: string, q: { filter?: ResidentFilter; cursor?: string; limit?: string }): Promise<GridResidentList> {
      const grid = await d.directory.get(code);
      const filter = q.filter ?? null;
      const limit = q.limit ? Number(q.limit) : DEFAULT_PAGE;
      const now = d.clock.now();
      const residents: GridResident[] = [];
      let after = parseKey(q.cursor);
      let scanned = 0;
      let finished = false;
      while (!finished && residents.length < limit && scanned < MAX_SCAN) {
        const want = Math.min(BATCH, MAX_SCAN - scanned);
        const batch = await d.personGrids.members(grid.code, after, want);
        const [states, pending] = await Promise.all([evaluateAll(batch, now), d.conversions.pendingAmong(batch.map((m) => m.personId))]);
        let i = 0;
        for (; i < batch.length && residents.length < limit; i++) {
          const m = batch[i];
          const { evaluation } = states.get(m.personId)!;
          if (matches(filter, evaluation, pending.has(m.personId))) {
            residents.push({
              personId: m.personId,
              name: nameOf(m),
              grid: gridOf(m),
              color: evaluation.merged.color,
              checkin: checkinStatus(evaluation.local, now),
              pendingConversion: pending.has(m.personId),
            });
          }
        }
        scanned += i;
        if (i > 0) after = { gridCode: batch[i - 1].gridCode, personId: batch[i - 1].personId };
        // The grid ends here only when the last read came back short and every member of it was looked at.
        finished = batch.length < want && i === batch.length;
      }
      return { grid, filter, residents, nextCursor: finished || after === null ? null : keyOf(after) };
    },

    /** One resident of the grid `code`, explained as their code page explains them; the viewing
     * is recorded in their history, naming the grid the actor works for. */
    async detail(actor: Actor, code: string, personId: string): Promise<GridResidentDetail> {
      const grid = await d.directory.get(code);
      const member = /^\d{1,18}$/.test(personId) ? await d.personGrids.member(personId) : null;
      // Someone elsewhere, or nobody: the same answer, so a path is no way to learn where people live.
      if (!member || !gridCovers(grid.code, member.gridCode)) throw notInGrid();
      const now = d.clock.now();
      const { person, evaluation } = (await evaluateAll([member], now)).get(member.personId)!;
      const explained = explainMerge(evaluation.merged, storedSources(person), d.merge.hotline);
      const from = chinaDate(new Date(now.getTime() - (RECENT_DAYS - 1) * 86400_000));
      const recent = await d.checkins.since(member.personId, from);

      // Recorded as the worker of the grid they were granted that covers this one (as a mark is
      // recorded for the district acting), else — the route let only admins through — as admin.
      const worksFor = coveringGrid(actor, grid.code);
      const scope = worksFor === undefined || worksFor === grid.code ? grid : ((await d.directory.find(worksFor)) ?? { code: worksFor, name: '' });
      await d.views.append({
        idHash: member.idHash,
        viewerUserId: actor.userId,
        reasonCode: worksFor === undefined ? 'VIEWED_BY_ADMIN' : 'VIEWED_BY_COMMUNITY_WORKER',
        scope: scope.code,
        scopeName: scope.name,
        color: explained.color,
        decidedBy: explained.decidedBy ?? 'none',
        at: now,
      });

      return {
        personId: member.personId,
        name: nameOf(member),
        grid: gridOf(member),
        ...explained,
        policy: d.merge.policy.name,
        checkin: checkinStatus(evaluation.local, now),
        recentCheckins: recent.map((c) => ({
          day: c.day,
          color: c.color,
          reasons: c.reasons,
          checkedInAt: c.checkedInAt.toISOString(),
          byRelative: c.byRelative ?? false,
        })),
      };
    },
  };
}

export type ResidentService = ReturnType<typeof createResidentService>;
