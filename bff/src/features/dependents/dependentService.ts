/**
 * Filing for relatives (SPEC C5): a registered resident adds a relative (name, ID number,
 * declared relationship, consent), files their check-ins, shows their code and prints paper
 * codes for them. Seed 003's lesson (Beijing's "look up others" leaked photos and results to
 * anyone who knew a name and an ID number) shapes the rules: the name must match the one on
 * file, a person with their own account cannot be filed for by others, a filer sees other
 * filers only as "张*", the person sees and can end every filing, and every proxy action is
 * recorded (who did what for whom).
 */
import {
  DomainError,
  ID_PROBLEM_MESSAGES,
  checkFiling,
  chinaDate,
  maskIdNumber,
  maskName,
  normaliseName,
  otherFilerLabel,
  parseIdNumber,
  type AddDependentRequest,
  type DependentView,
  type FilingAttemptView,
  type FilingOutcome,
} from '@yima/shared';
import type { Clock } from '../../clock';
import type { Pii } from '../../crypto/pii';
import type { Db } from '../../db/pool';
import { RACE_ATTEMPTS, inTransaction, lostRace } from '../../db/transaction';
import { registrationRequired, verifyFirst, type UsersRepo } from '../identity';
import type { PersonStates } from '../personState';
import type { DependentsRepo, FilingWithFiler, ProxyAction } from './dependentsRepo';
import type { FilingAttemptsRepo } from './filingAttemptsRepo';
import type { FilingLimits, LimitStep } from './filingLimits';
import { releaseIfUnused } from './recordRelease';

/** Attempts shown to the person: the newest this many. */
const ATTEMPTS_SHOWN = 100;

const notFound = () => new DomainError('NOT_FOUND', 'no such relative in your list');
/** Also what the true family reads when someone filed this ID number under an invented name. */
const nameMismatch = () =>
  new DomainError(
    'NAME_MISMATCH',
    'the name does not match the one on file for this ID number; if you are sure of it, the record may be wrong: ask your community (社区) to correct it',
  );

/** A filing refused after its lookup: audited with `outcome`; `counts` against the limits
 * when the answer tells the filer something about the person (wrong name, own account). */
class Refused extends Error {
  constructor(
    readonly outcome: FilingOutcome,
    readonly error: DomainError,
    readonly counts = false,
  ) {
    super(error.message);
  }
}

export function createDependentService(d: {
  db: Db;
  users: UsersRepo;
  dependents: DependentsRepo;
  attempts: FilingAttemptsRepo;
  limits: FilingLimits;
  states: PersonStates;
  pii: Pii;
  clock: Clock;
  /** Relatives one resident may file for at once. */
  limit: number;
}) {
  async function filerOf(userId: string) {
    const user = await d.users.findById(userId);
    if (!user?.personId || !user.nameEnc) throw registrationRequired();
    return user;
  }

  const filerName = (f: FilingWithFiler) => (f.filerNameEnc ? d.pii.decrypt('name', f.filerNameEnc) : '');

  return {
    async add(userId: string, body: AddDependentRequest): Promise<{ id: string }> {
      const filer = await filerOf(userId);
      const now = d.clock.now();
      const name = normaliseName(body.name);
      if (!name) throw new DomainError('INVALID_NAME', 'name must be 2–30 Chinese or Latin letters, as on the ID card');
      const id = parseIdNumber(body.idNumber, chinaDate(now));
      if (!id.ok) throw new DomainError('INVALID_ID_NUMBER', ID_PROBLEM_MESSAGES[id.problem]);
      const idHash = d.pii.blindIndex('id_number', id.idNumber);
      const idHashHex = idHash.toString('hex');
      const relationText = body.relation === 'other' ? (body.relationText ?? null) : null;
      const attempt = (outcome: FilingOutcome) => ({ filerUserId: userId, targetIdHash: idHash, relation: body.relation, relationText, outcome, at: now });

      let taken: LimitStep[];
      try {
        taken = await d.limits.takeAttempt(userId, idHashHex);
      } catch (err) {
        if (err instanceof DomainError && err.retryAfterSeconds !== undefined && (await d.limits.firstThrottleInWindow(userId, idHashHex)))
          await d.attempts.record(attempt('too-many-attempts'));
        throw err;
      }
      let newRecord: LimitStep[] = [];
      try {
        // Relatives adding one new person at the same moment race to create the record: the
        // losers run again and file for the winner's (lockPersonByHash takes no gap lock).
        const fileOnce = () =>
          inTransaction(d.db, async (conn) => {
            const active = await d.dependents.lockActiveOfFiler(conn, userId);
            const existing = await d.users.lockPersonByHash(conn, idHash);
            const problem = checkFiling({ filerPersonId: filer.personId, personId: existing?.personId ?? null, activeFilings: active, limit: d.limit });
            if (problem === 'self') throw new Refused('self', new DomainError('FILING_FOR_SELF', 'this is your own ID number: your code is on your home page'));
            if (problem === 'duplicate') throw new Refused('already-filed', new DomainError('DEPENDENT_EXISTS', 'you already file for this person'));
            if (problem === 'limit')
              throw new Refused('filer-limit', new DomainError('DEPENDENT_LIMIT', `you can file for at most ${d.limit} people; stop filing for someone first`));
            let personId: string;
            if (existing) {
              // The name first: an ID number alone must tell nothing — not whether anyone is on
              // file, nor whether they registered themselves (seed 003, issue 10).
              if (d.pii.decrypt('name', existing.nameEnc) !== name) throw new Refused('name-mismatch', nameMismatch(), true);
              if (existing.ownerUserId) {
                throw new Refused(
                  'has-own-account',
                  new DomainError('RELATIVE_HAS_OWN_ACCOUNT', 'this person has registered their own account; they check in and show their code themselves'),
                  true,
                );
              }
              personId = existing.personId;
            } else {
              try {
                newRecord = await d.limits.takeNewRecord(userId);
              } catch (err) {
                if (err instanceof DomainError && err.retryAfterSeconds !== undefined) throw new Refused('too-many-attempts', err, true);
                throw err;
              }
              personId = await d.users.createPerson(
                conn,
                { idHash, idNumberEnc: d.pii.encrypt('id_number', id.idNumber), nameEnc: d.pii.encrypt('name', name) },
                now,
              );
            }
            const filing = await d.dependents.add(conn, { filerUserId: userId, personId, relation: body.relation, relationText, at: now });
            await d.dependents.recordAction(userId, personId, 'file', now, conn);
            await d.attempts.record(attempt('filed'), conn);
            return filing;
          });
        let filingId: string;
        for (let run = 1; ; run++) {
          try {
            filingId = await fileOnce();
            break;
          } catch (err) {
            if (!lostRace(err) || run >= RACE_ATTEMPTS) throw err;
            await d.limits.giveBack(newRecord);
            newRecord = [];
          }
        }
        await d.limits.giveBack(taken);
        return { id: filingId };
      } catch (err) {
        // Nothing of a refused or failed attempt is kept but its audit row: the transaction
        // rolled back (no persons row, no filing), and a new-record point is given back.
        await d.limits.giveBack(newRecord);
        if (!(err instanceof Refused)) {
          await d.limits.giveBack(taken);
          throw err;
        }
        if (!err.counts) await d.limits.giveBack(taken);
        await d.attempts.record(attempt(err.outcome));
        throw err.error;
      }
    },

    async list(userId: string): Promise<{ dependents: DependentView[] }> {
      const filings = await d.dependents.activeOfFiler(userId);
      const personIds = filings.map((f) => f.personId);
      const everyone = await d.dependents.activeForPersons(personIds);
      const now = d.clock.now();
      const persons = new Map<string, NonNullable<Awaited<ReturnType<UsersRepo['personById']>>>>();
      for (const f of filings) {
        const person = await d.users.personById(f.personId);
        if (person) persons.set(f.id, person);
      }
      // Every relative's sources in one load (five queries), not one load per relative.
      const sourcesByHash = await d.states.loadMany([...persons.values()].map((p) => p.idHash));
      const out: DependentView[] = [];
      for (const f of filings) {
        const person = persons.get(f.id);
        if (!person) continue;
        const { merged } = await d.states.mergeOf(sourcesByHash.get(person.idHash.toString('hex'))!, now);
        out.push({
          id: f.id,
          name: maskName(d.pii.decrypt('name', person.nameEnc)),
          idNumber: maskIdNumber(d.pii.decrypt('id_number', person.idNumberEnc)),
          relation: f.relation,
          relationText: f.relationText,
          color: merged.color,
          alsoFiledBy: everyone.filter((o) => o.personId === f.personId && o.filerUserId !== userId).map((o) => otherFilerLabel(filerName(o))),
          hasOwnAccount: person.ownerUserId !== null,
          verifiedOwnerSince: person.ownerVerifiedAt?.toISOString() ?? null,
        });
      }
      return { dependents: out };
    },

    /** The filing `id` of this filer, for an action on the relative (recorded). */
    async access(userId: string, filingId: string, action: ProxyAction) {
      const filing = await d.dependents.find(filingId);
      if (!filing || filing.filerUserId !== userId || filing.removedAt) throw notFound();
      const person = await d.users.personById(filing.personId);
      if (!person) throw notFound();
      await d.dependents.recordAction(userId, filing.personId, action, d.clock.now());
      return { filing, person, filerName: filerName(filing) };
    },

    async stop(userId: string, filingId: string): Promise<void> {
      const filing = await d.dependents.find(filingId);
      if (!filing || filing.filerUserId !== userId || filing.removedAt) throw notFound();
      const now = d.clock.now();
      await d.dependents.end(filing.id, userId, now);
      await d.dependents.recordAction(userId, filing.personId, 'stop-filing', now);
      // A record this filing created under a name nobody confirmed, and nothing else uses,
      // must not keep the ID number from its true family (docs/decisions/0009).
      await releaseIfUnused(d.db, filing.personId);
    },

    /** People filing for me (once I have my own, verified account: who files for a person
     * is not shown to an account that has only declared it is them). */
    async myFilers(userId: string) {
      const me = await filerOf(userId);
      const filings = await d.dependents.activeForPersons([me.personId!]);
      if (filings.length && !me.verifiedAt) throw verifyFirst();
      return {
        filers: filings.map((f) => ({
          id: f.id,
          name: maskName(filerName(f)),
          relation: f.relation,
          relationText: f.relationText,
          since: f.createdAt.toISOString(),
        })),
      };
    },

    /** Everyone's attempts to file for me, whatever came of them (once I have an account). */
    async attemptsOnMe(userId: string): Promise<{ attempts: FilingAttemptView[] }> {
      const me = await filerOf(userId);
      if (!me.idHash) throw registrationRequired();
      // Who tried to file for a person is others' data about them (docs/decisions/0008).
      if (!me.verifiedAt) throw verifyFirst();
      const rows = await d.attempts.ofTarget(me.idHash, ATTEMPTS_SHOWN);
      return {
        attempts: rows.map((a) => ({
          filer: maskName(a.filerNameEnc ? d.pii.decrypt('name', a.filerNameEnc) : ''),
          relation: a.relation,
          relationText: a.relationText,
          at: a.at.toISOString(),
          outcome: a.outcome,
        })),
      };
    },

    /** Ends a filing for me: only the verified person may (docs/decisions/0008). */
    async removeFiler(userId: string, filingId: string): Promise<void> {
      const me = await filerOf(userId);
      if (!me.verifiedAt) throw verifyFirst();
      const filing = await d.dependents.find(filingId);
      if (!filing || filing.personId !== me.personId || filing.removedAt) throw new DomainError('NOT_FOUND', 'no such filing for you');
      const now = d.clock.now();
      await d.dependents.end(filing.id, userId, now);
      await d.dependents.recordAction(userId, filing.personId, 'removed-by-person', now);
    },
  };
}

export type DependentService = ReturnType<typeof createDependentService>;
