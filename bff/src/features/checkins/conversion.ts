/**
 * The hook the conversion requests (转码申请, issue 12) call when one is approved: what check-ins
 * hold for the person ends at once, in the approving transaction, with the hold's row locked
 * as a check-in locks it — so an approval and a check-in never fold over each other.
 */
import { afterConversion as cleared, type CheckinHold } from '@yima/shared';
import type { Db } from '../../db/pool';
import type { HoldsRepo } from './holdsRepo';

/**
 * Clears the person's hold in `conn`'s transaction. Returns what was held (null: nothing), for
 * the caller's history row; the caller settles the person's colour after its commit, naming
 * the approval as the cause. A later yellow or red check-in raises again at once.
 */
export async function afterConversion(
  holds: Pick<HoldsRepo, 'lock' | 'save'>,
  conn: Pick<Db, 'query'>,
  personId: string,
  at: Date,
): Promise<CheckinHold | null> {
  const held = await holds.lock(conn, personId, at);
  if (held) await holds.save(conn, personId, cleared().hold, at);
  return held;
}
