/**
 * Authority marks (SPEC C8): an authority operator, acting for a district they are granted,
 * sets a yellow or red mark with a listed reason and a legal basis; only that district or
 * one above it lifts it. Each change settles the person's merged colour and history.
 */
import {
  DomainError,
  chinaDate,
  ID_PROBLEM_MESSAGES,
  maskIdNumber,
  parseIdNumber,
  type MarkList,
  type MarkListQuery,
  type MarkRequest,
  type MarkView,
} from '@yima/shared';
import type { Clock } from '../../clock';
import type { Pii } from '../../crypto/pii';
import type { Db } from '../../db/pool';
import { inTransaction } from '../../db/transaction';
import type { Actor } from '../../policy/actor';
import { authorityActor, type PersonStates } from '../personState';
import type { ListedMark, MarksRepo } from './marksRepo';
import { authorityDistricts, coveringDistrict, markListScope, marksPolicy } from './policy';

const PAGE = 50;

const forbidden = (message: string) => new DomainError('FORBIDDEN', message);

/** The district an operator acts for: the one named, which they must cover, or their only one.
 * An admin (city-wide) must name it. */
function actingDistrict(actor: Actor, requested: string | undefined): string {
  const districts = authorityDistricts(actor);
  if (requested) {
    if (marksPolicy.can(actor, 'setMark', { district: requested })) return requested;
    throw forbidden(`you act for ${districts.join(', ') || 'no district'}, not ${requested}`);
  }
  if (districts.length === 1) return districts[0];
  throw new DomainError('DISTRICT_REQUIRED', 'you hold several districts (or act as admin): name the acting one in "district"');
}

export function createMarkService(d: { db: Db; marks: MarksRepo; states: PersonStates; pii: Pii; clock: Clock }) {
  /** The person as the list shows them: masked when the mark was set, else from their record. */
  const personOf = (m: ListedMark): string | null => m.idMasked ?? (m.idNumberEnc ? maskIdNumber(d.pii.decrypt('id_number', m.idNumberEnc)) : null);
  const viewOf = (m: ListedMark, now: Date): MarkView => ({
    id: m.id,
    person: personOf(m),
    district: m.district,
    color: m.color,
    reason: m.reasonCode,
    note: m.note,
    legalBasis: m.legalBasis,
    setAt: m.effectiveAt.toISOString(),
    expiresAt: m.expiresAt ? m.expiresAt.toISOString() : null,
    liftedAt: m.liftedAt ? m.liftedAt.toISOString() : null,
    liftReason: m.liftReason,
    active: !m.liftedAt && (!m.expiresAt || m.expiresAt > now),
  });

  return {
    /** The marks of the districts the actor covers (an admin: all), newest first. */
    async list(actor: Actor, query: MarkListQuery): Promise<MarkList> {
      if (query.district && !marksPolicy.can(actor, 'listMarks', { district: query.district })) {
        throw forbidden(`you act for ${authorityDistricts(actor).join(', ') || 'no district'}, not ${query.district}`);
      }
      const now = d.clock.now();
      const { rows, more } = await d.marks.page({
        prefixes: markListScope(actor),
        district: query.district ?? null,
        active: query.active === undefined ? null : query.active === 'true',
        before: query.cursor ?? null,
        now,
        limit: PAGE,
      });
      return { marks: rows.map((m) => viewOf(m, now)), nextCursor: more ? rows[rows.length - 1].id : null };
    },

    async set(actor: Actor, body: MarkRequest): Promise<{ id: string; district: string }> {
      const operatorId = actor.userId;
      const now = d.clock.now();
      const parsed = parseIdNumber(body.idNumber, chinaDate(now));
      if (!parsed.ok) throw new DomainError('INVALID_ID_NUMBER', ID_PROBLEM_MESSAGES[parsed.problem]);
      const district = actingDistrict(actor, body.district);
      const expiresAt = body.expiresAt ? new Date(body.expiresAt) : null;
      if (expiresAt && expiresAt <= now) throw new DomainError('INVALID_REQUEST', 'expiresAt: must be in the future');
      const idHash = d.pii.blindIndex('id_number', parsed.idNumber);
      const id = await inTransaction(d.db, (conn) =>
        d.marks.add(conn, {
          idHash,
          idMasked: maskIdNumber(parsed.idNumber),
          district,
          color: body.color,
          reasonCode: body.reason,
          note: body.note,
          legalBasis: body.legalBasis,
          setBy: operatorId,
          effectiveAt: now,
          expiresAt,
        }),
      );
      await d.states.settle(idHash, { actor: `${authorityActor(district)}#${operatorId}`, reasonCode: body.reason, reasonText: body.note });
      return { id, district };
    },

    async lift(actor: Actor, markId: string, body: { reason: string }): Promise<void> {
      const operatorId = actor.userId;
      const mark = /^\d{1,18}$/.test(markId) ? await d.marks.find(markId) : null;
      if (!mark) throw new DomainError('NOT_FOUND', 'no such mark');
      if (!marksPolicy.can(actor, 'liftMark', { district: mark.district }))
        throw forbidden(`only the ${mark.district} authority or one above it may lift this mark`);
      if (mark.liftedAt) throw new DomainError('MARK_ALREADY_LIFTED', 'this mark was already lifted or superseded');
      // Recorded as the covering district it acts for; an admin without one acts as admin.
      const actingFor = coveringDistrict(actor, mark.district) ?? 'admin';
      if (!(await d.marks.lift(mark.id, operatorId, body.reason, d.clock.now()))) {
        throw new DomainError('MARK_ALREADY_LIFTED', 'this mark was already lifted or superseded');
      }
      await d.states.settle(mark.idHash, { actor: `${authorityActor(actingFor)}#${operatorId}`, reasonCode: 'MARK_LIFTED', reasonText: body.reason });
    },
  };
}

export type MarkService = ReturnType<typeof createMarkService>;
