/**
 * Conversion requests (转码申请, SPEC C8; docs/decisions/0022-conversion-requests.md): a person,
 * or a relative filing for them, asks for a review of a yellow or red colour. The request goes
 * to whoever can lower what makes the colour now (`routeConversion`): the community workers of
 * the person's grid (a check-in), the authority of a mark's district, or — for a provincial
 * state — the hotline at once. A decision is one transaction: the request's row locked, the
 * colour's cause cleared (the hold and the check-in in force, or the district's marks), the
 * request moved on to whoever still decides the colour, a colour-history row naming the
 * decision, the statistics; the person's code is settled after the commit.
 */
import {
  chinaDate,
  DomainError,
  maskName,
  routeConversion,
  type Color,
  type ConversionDecisionBody,
  type ConversionInbox,
  type ConversionOutcome,
  type ConversionRequestView,
  type ConversionStatus,
  type MergeResult,
} from '@yima/shared';
import type { Clock } from '../../clock';
import type { Pii } from '../../crypto/pii';
import type { Db } from '../../db/pool';
import { inTransaction } from '../../db/transaction';
import type { Actor } from '../../policy/actor';
import { afterConversion, type CheckinsRepo, type HoldsRepo } from '../checkins';
import type { PersonGridsRepo } from '../grids';
import type { MarksRepo } from '../marks';
import type { Evaluation, HistoryRepo, PersonSources, PersonStates } from '../personState';
import { count } from '../stats';
import type { ConversionMove, ConversionRow, ConversionsRepo } from './conversionsRepo';
import { actingScope, conversionsPolicy, inboxScope } from './policy';

/** A person's requests shown at once (newest first). */
const LIST_LIMIT = 20;
const INBOX_PAGE = 50;
/** Waiting for someone: the inbox's default. */
const WAITING: readonly ConversionStatus[] = ['pending', 'forwarded'];
/** The reasons of a check-in that only went out of date: checking in again is the answer, not
 * a review (the conversion would leave it yellow). */
const OVERDUE_ONLY = new Set(['NO_CHECKIN', 'CHECKIN_OVERDUE']);

const notFound = () => new DomainError('NOT_FOUND', 'no such conversion request among yours');
const outdated = () =>
  new DomainError('CONVERSION_OUTDATED', 'yellow or red was declared or marked again after this request was made: reject it; the person may ask again');
const alreadyDecided = () => new DomainError('CONVERSION_ALREADY_DECIDED', 'this request was decided or moved on before this decision');

/** The sources as the routing reads them: a check-in yellow only for being out of date raises nothing to review. */
function routedSources(e: Evaluation) {
  const overdueOnly = e.local.reasons.length > 0 && e.local.reasons.every((r) => OVERDUE_ONLY.has(r)) && e.outlook === null;
  return e.merged.sources.map((s) => (s.source === 'checkin' && overdueOnly ? { ...s, color: 'green' } : s));
}

/** One request as its person sees it. */
export function viewOf(r: ConversionRow): ConversionRequestView {
  return {
    id: r.id,
    status: r.status,
    color: r.color,
    reason: r.reason,
    createdAt: r.createdAt.toISOString(),
    byRelative: r.byRelative,
    handler: {
      kind: r.handler,
      grid: r.handler === 'community' && r.gridCode ? { code: r.gridCode, name: r.gridName } : null,
      district: r.handler === 'authority' ? r.district : null,
      hotline: r.handler === 'provincial' ? r.hotline : null,
    },
    decision:
      r.decidedAt && r.decisionApprove !== null && r.decidedAs
        ? { approve: r.decisionApprove, reason: r.decisionReason ?? '', at: r.decidedAt.toISOString(), by: r.decidedAs }
        : null,
  };
}

/** A person's latest request (the code page's `conversion.latest`): app.ts gives it to the code
 * state's builder, made before this service. */
export const latestOf =
  (repo: Pick<ConversionsRepo, 'ofPerson'>) =>
  async (personId: string): Promise<ConversionRequestView | null> => {
    const [row] = await repo.ofPerson(personId, 1);
    return row ? viewOf(row) : null;
  };

export function createConversionService(d: {
  db: Db;
  repo: ConversionsRepo;
  states: Pick<PersonStates, 'loadOne' | 'loadMany' | 'mergeOf' | 'settle'>;
  personGrids: Pick<PersonGridsRepo, 'member'>;
  holds: Pick<HoldsRepo, 'lock' | 'save'>;
  checkins: Pick<CheckinsRepo, 'markConverted'>;
  marks: Pick<MarksRepo, 'liftAllOf'>;
  history: Pick<HistoryRepo, 'append'>;
  pii: Pii;
  clock: Clock;
  hotline: string;
  /** Whether the account is this person's own, or files for them (a relative): nobody decides a
   * request about themselves or their family. */
  concerns: (userId: string, personId: string) => Promise<boolean>;
}) {
  /** Where the colour's cause now sends a request (null: nothing yellow or red to review). */
  function routeOf(e: Evaluation): Pick<ConversionMove, 'status' | 'handler' | 'district' | 'hotline'> | null {
    if (e.merged.color !== 'yellow' && e.merged.color !== 'red') return null;
    const route = routeConversion(routedSources(e));
    if (!route) return null;
    if (route.kind === 'community') return { status: 'pending', handler: 'community', district: null, hotline: null };
    if (route.kind === 'authority') return { status: 'forwarded', handler: 'authority', district: route.district, hotline: null };
    return { status: 'referred', handler: 'provincial', district: null, hotline: d.hotline };
  }

  const tally = (at: Date, outcome: ConversionOutcome) => ({ day: chinaDate(at), metric: 'conversions' as const, dimension: outcome, n: 1 });

  return {
    /** Files a request for `person` (their own account, or a filer's: `byRelative`). */
    async file(person: { personId: string; idHash: Buffer }, filedBy: string, byRelative: boolean, reason: string): Promise<ConversionRequestView> {
      const now = d.clock.now();
      const evaluation = await d.states.mergeOf(await d.states.loadOne(person.idHash), now);
      const route = routeOf(evaluation);
      if (!route)
        throw new DomainError('NOTHING_TO_CONVERT', 'the colour is not yellow or red from anything a review can lower (an overdue check-in: check in again)');
      const grid = await d.personGrids.member(person.personId);
      const id = await inTransaction(d.db, async (conn) => {
        const added = await d.repo.add(conn, {
          personId: person.personId,
          idHash: person.idHash,
          filedBy,
          byRelative,
          color: evaluation.merged.color,
          reason,
          ...route,
          gridCode: grid?.gridCode ?? null,
          createdAt: now,
        });
        // Sent on at once (to an authority, or answered with the hotline): counted as it moved.
        if (route.status !== 'pending') await count(conn, tally(now, route.status as ConversionOutcome));
        return added;
      });
      // The code page shows the request: its cached state is dropped (no colour moved).
      await d.states.settle(person.idHash);
      return viewOf((await d.repo.find(id))!);
    },

    /** A person's requests, newest first. */
    async list(personId: string): Promise<{ requests: ConversionRequestView[] }> {
      return { requests: (await d.repo.ofPerson(personId, LIST_LIMIT)).map(viewOf) };
    },

    /** The latest request of a person (the code page's `conversion.latest`). */
    latest: latestOf(d.repo),

    pendingAmong: (personIds: string[]) => d.repo.pendingAmong(personIds),

    /** The caller's inbox: requests of the grids and districts they handle (all, for an admin). */
    async inbox(actor: Actor, q: { status?: ConversionStatus; cursor?: string }): Promise<ConversionInbox> {
      const scope = inboxScope(actor);
      const rows = await d.repo.inbox(scope, q.status ? [q.status] : WAITING, q.cursor ?? '0', INBOX_PAGE + 1);
      const page = rows.slice(0, INBOX_PAGE);
      const now = d.clock.now();
      const loaded = await d.states.loadMany(page.map((r) => r.idHash));
      const requests = [];
      for (const r of page) {
        const person = loaded.get(r.idHash.toString('hex'))!;
        const { merged } = await d.states.mergeOf(person, now);
        requests.push({ ...viewOf(r), personId: r.personId, name: maskName(d.pii.decrypt('name', r.nameEnc)), colorNow: merged.color });
      }
      return { requests, nextCursor: rows.length > INBOX_PAGE ? page[page.length - 1].id : null };
    },

    /** Approves or rejects a request the actor handles; 404 for one they do not (decision 0018:
     * whose request it is is not theirs to learn), 409 when it was decided or moved on first. */
    async decide(actor: Actor, id: string, body: ConversionDecisionBody): Promise<ConversionRequestView> {
      const found = /^\d{1,18}$/.test(id) ? await d.repo.find(id) : null;
      if (!found || !conversionsPolicy.can(actor, 'decideConversion', found)) throw notFound();
      // A worker who lives in the grid they work for, or who files for a relative there, is not
      // the one to vouch for it: another handler decides.
      if (found.filedBy === actor.userId || (await d.concerns(actor.userId, found.personId)))
        throw new DomainError('FORBIDDEN', 'a request about yourself, or one you filed, is decided by another handler');
      const idHash = await inTransaction(d.db, async (conn) => {
        const row = await d.repo.lock(conn, id);
        // Someone decided first, or moved it to another handler: this decision was made on what
        // is no longer there.
        if (!row || row.status !== found.status || row.handler !== found.handler || (row.status !== 'pending' && row.status !== 'forwarded'))
          throw alreadyDecided();
        const now = d.clock.now();
        const as = row.handler === 'community' ? ('community-worker' as const) : ('authority' as const);
        const scope = actingScope(actor, row) ?? 'admin';
        const actorText = scope === 'admin' ? `admin#${actor.userId}` : `${as}:${scope}#${actor.userId}`;
        if (body.approve) {
          if (row.handler === 'community') await afterConversion({ holds: d.holds, checkins: d.checkins }, conn, row.personId, now, row.createdAt);
          // The marks the request was about: those set by the time it reached this authority.
          else await d.marks.liftAllOf(conn, row.idHash, row.district!, actor.userId, body.reason, now, row.updatedAt);
        }
        // Read through this transaction: what the decision leaves.
        const person = (await d.states.loadMany([row.idHash], conn)).get(row.idHash.toString('hex'))!;
        const evaluation = await d.states.mergeOf(person, now);
        // A mark of this district set since then is a finding this approval did not review: it
        // stays, and so does the request (rejected, the person may ask again about it).
        if (
          body.approve &&
          row.handler === 'authority' &&
          evaluation.merged.sources.some((s) => s.source === `mark:${row.district}` && !s.stale && (s.color === 'yellow' || s.color === 'red'))
        )
          throw outdated();
        const decision = { by: actor.userId, as, scope, approve: body.approve, reason: body.reason };
        let move: ConversionMove;
        if (!body.approve) move = { status: 'rejected', handler: row.handler, district: row.district, hotline: row.hotline, decision, at: now };
        else {
          // Still yellow or red from a mark or the province: sent on, with this step in the history.
          const next = routeOf(evaluation);
          move =
            next && next.status !== 'pending'
              ? { ...next, decision: null, at: now }
              : { status: 'approved', handler: row.handler, district: row.district, hotline: row.hotline, decision, at: now };
        }
        await d.repo.move(conn, row.id, move);
        await d.history.append([historyRow(person, evaluation.merged, move, actorText, as, body.reason, now)], conn);
        await count(conn, tally(now, move.status as ConversionOutcome));
        return row.idHash;
      });
      // The history already ends on the colour the decision left: settling records nothing more,
      // and drops the cached code state.
      await d.states.settle(idHash);
      return viewOf((await d.repo.find(id))!);
    },
  };
}

const HISTORY_REASON: Record<string, string> = {
  approved: 'CONVERSION_APPROVED',
  rejected: 'CONVERSION_REJECTED',
  forwarded: 'CONVERSION_FORWARDED',
  referred: 'CONVERSION_REFERRED',
};

/** The decision as a line of the person's colour history: from the colour last recorded to the
 * one the decision leaves (the same for a rejection), by whom (`community-worker:<grid>#<user>`,
 * as a record view; the person's app words only the role, `params.by`). */
function historyRow(p: PersonSources, merged: MergeResult, move: ConversionMove, actor: string, as: string, reason: string, at: Date) {
  const from: Color = p.recordedColor ?? 'grey';
  return {
    idHash: p.idHash,
    oldColor: from,
    newColor: merged.color,
    decidedBy: merged.decidedBy ?? 'none',
    actor,
    reasonCode: HISTORY_REASON[move.status],
    reasonText: reason,
    reasonParams: { by: as, ...(move.status === 'forwarded' && move.district ? { district: move.district } : {}) },
    at,
  };
}

export type ConversionService = ReturnType<typeof createConversionService>;
