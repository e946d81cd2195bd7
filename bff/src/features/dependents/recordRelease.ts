/**
 * Releasing a person record a filing created and nothing else uses (issue 10, finding 2):
 * filing for an unknown ID number creates a `persons` row under the name the filer typed.
 * If that name was invented (or mistyped), the row would block the true family
 * (NAME_MISMATCH), the guard's lookup and the person's own registration for good. When the
 * last filing of such a record ends and the record holds nothing of its own — no account, no
 * check-in, mark, provincial state, colour history, paper code, visit or lookup — it is
 * deleted, so the ID number is free again. Anything with history is kept: that is someone's
 * health record, and only a community worker may correct it.
 */
import type { RowDataPacket } from 'mysql2/promise';
import type { Db } from '../../db/pool';
import { inTransaction } from '../../db/transaction';

/** True when the record was deleted. Runs under a lock on the person row, so a concurrent
 * filing (which locks the same row) either comes first and keeps it, or finds it gone. */
export async function releaseIfUnused(db: Db, personId: string): Promise<boolean> {
  return inTransaction(db, async (conn) => {
    const [locked] = await conn.query<RowDataPacket[]>('SELECT id_hash FROM persons WHERE id = ? FOR UPDATE', [personId]);
    if (!locked[0]) return false;
    const idHash = locked[0].id_hash as Buffer;
    const [rows] = await conn.query<RowDataPacket[]>(
      `SELECT
         EXISTS (SELECT 1 FROM users WHERE person_id = ?)
         OR EXISTS (SELECT 1 FROM dependents WHERE person_id = ? AND removed_at IS NULL)
         OR EXISTS (SELECT 1 FROM checkins WHERE person_id = ?)
         OR EXISTS (SELECT 1 FROM paper_codes WHERE person_id = ?)
         OR EXISTS (SELECT 1 FROM visits WHERE person_id = ?)
         OR EXISTS (SELECT 1 FROM id_lookups WHERE person_id = ?)
         OR EXISTS (SELECT 1 FROM provincial_states WHERE id_hash = ?)
         OR EXISTS (SELECT 1 FROM marks WHERE id_hash = ?)
         OR EXISTS (SELECT 1 FROM colour_history WHERE id_hash = ?) AS used`,
      [personId, personId, personId, personId, personId, personId, idHash, idHash, idHash],
    );
    if (Number(rows[0].used) !== 0) return false;
    await conn.query('DELETE FROM persons WHERE id = ?', [personId]);
    return true;
  });
}
