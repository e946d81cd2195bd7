/**
 * The hook the conversion requests (转码申请, issue 12) call when one is approved: what check-ins
 * hold for the person ends at once, in the approving transaction, with the hold's row locked
 * as a check-in locks it — so an approval and a check-in never fold over each other.
 */
import { afterConversion as cleared, DomainError, type CheckinHold } from '@yima/shared';
import type { Db } from '../../db/pool';
import type { CheckinsRepo } from './checkinsRepo';
import type { HoldsRepo } from './holdsRepo';

/**
 * Clears the person's hold in `conn`'s transaction, and marks the check-in in force as
 * converted: the approval vouches that the declaration was a mistake, and the latest check-in
 * alone would otherwise keep the colour it declared (decision 0022). Refuses (409
 * CONVERSION_OUTDATED) when a yellow or red declaration was folded in after `askedAt`, the
 * request's filing: the approval did not review it. Returns what was held (null: nothing), for the caller's history row; the caller settles the person's colour after
 * its commit. A later yellow or red check-in raises again at once.
 */
export async function afterConversion(
  repos: { holds: Pick<HoldsRepo, 'lock' | 'save'>; checkins: Pick<CheckinsRepo, 'markConverted'> },
  conn: Pick<Db, 'query'>,
  personId: string,
  at: Date,
  askedAt: Date,
): Promise<CheckinHold | null> {
  const held = await repos.holds.lock(conn, personId, at);
  // The approval vouches for what was declared when the person asked: a yellow or red check-in
  // folded in since (the hold's `since`) is a declaration nobody reviewed, and clearing it would
  // lose it. Refused before anything is written; the caller's transaction rolls back.
  if (held && held.since > askedAt)
    throw new DomainError('CONVERSION_OUTDATED', 'the person declared yellow or red again after asking: reject this request; they may ask again');
  if (held) await repos.holds.save(conn, personId, cleared().hold, at);
  // After the hold's lock: a check-in of the same person waits for this transaction, then
  // replaces (or follows) the converted row.
  await repos.checkins.markConverted(conn, personId, at);
  return held;
}
