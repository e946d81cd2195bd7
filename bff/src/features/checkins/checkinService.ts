/** Daily check-in use cases: submit (one per person per China day, editable that day) and
 * the last 14 days of history. */
import { chinaDate, evaluateCheckin, type CheckinRequest, type TransitionPolicy } from '@yima/shared';
import type { Clock } from '../../clock';
import type { Db } from '../../db/pool';
import { RACE_ATTEMPTS, inTransaction, lostRace } from '../../db/transaction';
import type { RiskAreaCache } from '../riskAreas';
import { registrationRequired, verifyFirst, type Restriction, type UsersRepo } from '../identity';
import type { CheckinsRepo } from './checkinsRepo';
import { foldSubmission, healthyRunCause, type HistoryCause } from './holdFold';
import type { HoldsRepo } from './holdsRepo';

const HISTORY_DAYS = 14;

/** Where a check-in's address places its person (features/grids implements it): a port, so the
 * grids feature may read check-ins and people without a circle (decision 0013). */
export interface AddressGrids {
  /** The grid the address places its person in; throws when the address names a community
   * that does not exist (400). Asked before anything is written. */
  gridOf(address: CheckinRequest['address']): Promise<string>;
  /** Records it as the person's grid. */
  place(personId: string, grid: string): Promise<void>;
}

export function createCheckinService(d: {
  db: Db;
  users: UsersRepo;
  checkins: CheckinsRepo;
  holds: HoldsRepo;
  riskAreas: RiskAreaCache;
  clock: Clock;
  transitions: TransitionPolicy;
  /** After a check-in committed: merge again and record a change of colour; `cause` names a
   * lowering after a run of healthy check-ins (the merge would name the check-in). */
  onChange: (person: { idHash: Buffer }, cause?: HistoryCause) => Promise<void>;
  restriction: Restriction;
  grids: AddressGrids;
}) {
  /** The account's person, and whether the account is restricted (docs/decisions/0008): its
   * record holds what others reported, family check-ins among them. */
  async function personOf(userId: string): Promise<{ personId: string; idHash: Buffer; restricted: boolean }> {
    const user = await d.users.findById(userId);
    if (!user?.personId || !user.idHash) throw registrationRequired();
    return { personId: user.personId, idHash: user.idHash, restricted: await d.restriction.isRestricted(user) };
  }

  /**
   * Stores the day's check-in and folds it into the person's hold, in one transaction with the
   * hold's row locked: two check-ins of one person (the resident and a relative, two devices)
   * fold one after the other, each seeing the other's result, so neither loses a raise. The
   * time is read once the lock is held, so the fold order is the time order.
   */
  async function file(person: { personId: string; idHash: Buffer }, filedBy: string, by: 'self' | 'relative', answers: CheckinRequest) {
    const grid = await d.grids.gridOf(answers.address);
    const areas = await d.riskAreas.current();
    // A deadlock is not expected (the upsert takes the row lock first), but a server may still
    // pick this transaction as a victim: it runs again from the start.
    const result = await inTransaction(
      d.db,
      async (conn) => {
        const held = await d.holds.lock(conn, person.personId, d.clock.now());
        const now = d.clock.now();
        const local = evaluateCheckin({ answers, checkedInAt: now }, areas, now);
        const previous = await d.checkins.latest(person.personId, conn);
        // A converted check-in (an approved request vouched it was a mistake) has nothing to say
        // beyond what the approval cleared.
        const fold = foldSubmission(held, previous?.converted ? null : previous, local, areas, now, d.transitions);
        const day = chinaDate(now);
        const { updated } = await d.checkins.upsert(
          person.personId,
          { day, answers, checkedInAt: now, color: local.color, reasons: local.reasons },
          { by, userId: filedBy, grid },
          conn,
        );
        if (fold.change !== 'none') await d.holds.save(conn, person.personId, fold.hold, now);
        return { now, day, updated, local, fold, held };
      },
      { retry: { attempts: RACE_ATTEMPTS, when: lostRace } },
    );
    const { now, day, updated, local, fold, held } = result;
    // The latest check-in's address decides the grid, whoever filed it (SPEC C5, C8).
    await d.grids.place(person.personId, grid);
    await d.onChange({ idHash: person.idHash }, fold.change === 'lowered' && held ? healthyRunCause(held, by === 'relative', d.transitions) : undefined);
    return {
      day,
      updated,
      // The declaration's own colour (the contract's `color`); the code shows it merged with
      // what earlier check-ins hold.
      color: local.color,
      reasons: local.reasons,
      checkedInAt: now.toISOString(),
    };
  }

  return {
    async submit(userId: string, answers: CheckinRequest) {
      const { personId, idHash, restricted } = await personOf(userId);
      // A restricted account's own check-in shows it nothing (its code is grey), but would
      // replace the day's check-in its family filed, which the family and guards see.
      if (restricted) throw verifyFirst();
      return file({ personId, idHash }, userId, 'self', answers);
    },

    /** A check-in filed by a relative (SPEC C5): `filedBy` is the filer's account. */
    submitFor: (person: { personId: string; idHash: Buffer }, filedBy: string, answers: CheckinRequest) => file(person, filedBy, 'relative', answers),

    async history(userId: string) {
      const { personId, restricted } = await personOf(userId);
      const from = chinaDate(new Date(d.clock.now().getTime() - (HISTORY_DAYS - 1) * 86400_000));
      // Before verification, at most what the account declared itself.
      const rows = await d.checkins.since(personId, from, restricted ? userId : null);
      return { checkins: rows.map((r) => ({ day: r.day, color: r.color, reasons: r.reasons, checkedInAt: r.checkedInAt.toISOString(), answers: r.answers })) };
    },
  };
}

export type CheckinService = ReturnType<typeof createCheckinService>;
