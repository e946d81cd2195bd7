/** Daily check-in use cases: submit (one per person per China day, editable that day) and
 * the last 14 days of history. */
import { chinaDate, evaluateCheckin, type CheckinRequest } from '@yima/shared';
import type { Clock } from '../../clock';
import type { RiskAreaCache } from '../riskAreas';
import { registrationRequired, verifyFirst, type Restriction, type UsersRepo } from '../identity';
import type { CheckinsRepo } from './checkinsRepo';

const HISTORY_DAYS = 14;

export function createCheckinService(d: {
  users: UsersRepo;
  checkins: CheckinsRepo;
  riskAreas: RiskAreaCache;
  clock: Clock;
  onChange: (person: { idHash: Buffer }) => Promise<void>;
  restriction: Restriction;
}) {
  /** The account's person, and whether the account is restricted (docs/decisions/0008): its
   * record holds what others reported, family check-ins among them. */
  async function personOf(userId: string): Promise<{ personId: string; idHash: Buffer; restricted: boolean }> {
    const user = await d.users.findById(userId);
    if (!user?.personId || !user.idHash) throw registrationRequired();
    return { personId: user.personId, idHash: user.idHash, restricted: await d.restriction.isRestricted(user) };
  }

  /** The colour the declaration alone gives and why, as reason codes the app words (decision 0017). */
  async function submitFor(person: { personId: string; idHash: Buffer }, filedBy: string, answers: CheckinRequest) {
    const now = d.clock.now();
    const local = evaluateCheckin({ answers, checkedInAt: now }, await d.riskAreas.current(), now);
    const day = chinaDate(now);
    const { updated } = await d.checkins.upsert(person.personId, { day, answers, checkedInAt: now, color: local.color, reasons: local.reasons }, filedBy);
    await d.onChange({ idHash: person.idHash });
    return {
      day,
      updated,
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
      return submitFor({ personId, idHash }, userId, answers);
    },

    /** A check-in filed by a relative (SPEC C5): `filedBy` is the filer's account. */
    submitFor,

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
