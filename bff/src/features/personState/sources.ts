/**
 * A person's sources as the merge reads them — the check-in, the provincial state, authority
 * marks — and where their colour history ends, loaded for many people at once. Reads only.
 */
import type { CheckinHold, Color, MarkColor, CheckinRecord, SourceState } from '@yima/shared';
import type { Clock } from '../../clock';
import type { Db } from '../../db/pool';
import type { CheckinsRepo, HoldsRepo } from '../checkins';
import type { UsersRepo } from '../identity';
import type { HistoryRepo } from './historyRepo';

type Conn = Pick<Db, 'query'>;

/** A provincial state as the merge reads it (provincial/provincialRepo.ts stores it). */
export interface ProvincialSource {
  idHash: Buffer;
  color: Color;
  reasonCode: string;
  reasonText: string;
  setBy: string;
  effectiveAt: Date;
  receivedAt: Date;
  /** The feed's version of this state (the feed applies only newer ones). */
  version: number;
}

/** An authority mark in force, as the merge reads it (marks/marksRepo.ts stores it). */
export interface MarkSource {
  id: string;
  idHash: Buffer;
  district: string;
  color: MarkColor;
  reasonCode: string;
  note: string;
  legalBasis: string;
  effectiveAt: Date;
  expiresAt: Date | null;
}

/** What the person state reads from and tells the features that own the sources. They are
 * passed in (app.ts) rather than imported, so those features may depend on this one — they
 * write the sources and then settle — without a circle. */
export interface SourcePorts {
  provincial: { statesOf(hashes: Buffer[], conn?: Conn): Promise<ProvincialSource[]> };
  marks: { activeFor(hashes: Buffer[], now: Date, conn?: Conn): Promise<MarkSource[]> };
  /** A worse colour voids printed paper codes of the milder colours (SPEC C5). */
  paperCodes: { revokeMilderThan(personIds: string[], color: Color, at: Date): Promise<unknown> };
}

export interface PersonSources {
  idHash: Buffer;
  /** Null for someone known only by ID number (a feed line or a mark before registration). */
  personId: string | null;
  /** Accounts showing this person's code, whose cached code state must be dropped on change. */
  userIds: string[];
  checkin: (CheckinRecord & { byRelative?: boolean; converted?: boolean }) | null;
  /** What check-ins have raised and not yet lowered (colourTransitions.ts). */
  hold: CheckinHold | null;
  provincial: ProvincialSource | null;
  marks: MarkSource[];
  /** The colour the history ends on; null before the first entry. */
  recordedColor: Color | null;
}

/** A source state as the code cache keeps it (JSON: dates as ISO strings), with mark details. */
export interface StoredSource {
  source: string;
  color: Color;
  reasonCode: string;
  reasonText: string;
  setBy: string;
  effectiveAt: string;
  receivedAt: string;
  asOf?: string;
  expiresAt: string | null;
  mark?: { id: string; district: string; legalBasis: string };
}

export const markSource = (district: string) => `mark:${district}`;
export const authorityActor = (district: string) => `authority:${district}`;

/** The sources other than the check-in, in the form the code cache keeps. */
export function storedSources(p: Pick<PersonSources, 'provincial' | 'marks'>): StoredSource[] {
  const out: StoredSource[] = [];
  if (p.provincial) {
    const s = p.provincial;
    // "Provincial data as of …": the batch that last carried the state, not when it began.
    out.push({
      source: 'provincial',
      color: s.color,
      reasonCode: s.reasonCode,
      reasonText: s.reasonText,
      setBy: s.setBy,
      effectiveAt: s.effectiveAt.toISOString(),
      receivedAt: s.receivedAt.toISOString(),
      asOf: s.receivedAt.toISOString(),
      expiresAt: null,
    });
  }
  for (const m of p.marks) {
    out.push({
      source: markSource(m.district),
      color: m.color,
      reasonCode: m.reasonCode,
      reasonText: m.note,
      setBy: authorityActor(m.district),
      effectiveAt: m.effectiveAt.toISOString(),
      receivedAt: m.effectiveAt.toISOString(),
      expiresAt: m.expiresAt?.toISOString() ?? null,
      mark: { id: m.id, district: m.district, legalBasis: m.legalBasis },
    });
  }
  return out;
}

export function toSourceState(s: StoredSource): SourceState {
  return {
    ...s,
    effectiveAt: new Date(s.effectiveAt),
    receivedAt: new Date(s.receivedAt),
    asOf: s.asOf ? new Date(s.asOf) : undefined,
    expiresAt: s.expiresAt ? new Date(s.expiresAt) : null,
  };
}

/** Reads everything the merge needs about people: their sources and where their history
 * ends. Reads only; the code cache builds its state from it (code/codeState.ts). */
export function createPersonSources(d: {
  db: Db;
  users: UsersRepo;
  checkins: CheckinsRepo;
  holds: Pick<HoldsRepo, 'holdsFor'>;
  provincial: SourcePorts['provincial'];
  marks: SourcePorts['marks'];
  history: HistoryRepo;
  clock: Clock;
}) {
  /** Everything the merge needs about these people, in six queries whatever their number. */
  async function loadMany(
    hashes: Buffer[],
    conn: Conn = d.db,
    /** What the caller has read already (the provincial feed reads both while locking). */
    read: { known?: { idHash: Buffer; personId: string; userIds: string[] }[]; provincial?: ProvincialSource[] } = {},
  ): Promise<Map<string, PersonSources>> {
    const now = d.clock.now();
    const persons = read.known ?? (await d.users.personsByHashes(hashes, conn));
    const personIds = persons.map((p) => p.personId);
    const [provincial, marks, heads, checkins, holds] = await Promise.all([
      read.provincial ?? d.provincial.statesOf(hashes, conn),
      d.marks.activeFor(hashes, now, conn),
      d.history.headsOf(
        persons.map((p) => p.idHash),
        conn,
      ),
      d.checkins.latestFor(personIds, conn),
      d.holds.holdsFor(personIds, conn),
    ]);
    const out = new Map<string, PersonSources>();
    for (const h of hashes)
      out.set(h.toString('hex'), { idHash: h, personId: null, userIds: [], checkin: null, hold: null, provincial: null, marks: [], recordedColor: null });
    for (const p of persons) {
      const entry = out.get(p.idHash.toString('hex'));
      if (!entry) continue;
      entry.personId = p.personId;
      entry.userIds = p.userIds;
      entry.checkin = checkins.get(p.personId) ?? null;
      entry.hold = holds.get(p.personId) ?? null;
      entry.recordedColor = heads.get(p.idHash.toString('hex')) ?? null;
    }
    for (const st of provincial) {
      const entry = out.get(st.idHash.toString('hex'));
      if (entry) entry.provincial = st;
    }
    for (const m of marks) out.get(m.idHash.toString('hex'))?.marks.push(m);
    return out;
  }

  return {
    loadMany,
    /** One person's sources. */
    loadOne: async (idHash: Buffer): Promise<PersonSources> => (await loadMany([idHash])).get(idHash.toString('hex'))!,
  };
}

export type PersonSourcesReader = ReturnType<typeof createPersonSources>;
