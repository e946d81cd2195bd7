/** Runs `work` in one transaction on one pooled connection: commit, or roll back and rethrow. */
import type { PoolConnection } from 'mysql2/promise';
import type { Db } from './pool';

export async function inTransaction<T>(db: Db, work: (conn: PoolConnection) => Promise<T>): Promise<T> {
  const conn = await db.getConnection();
  try {
    await conn.beginTransaction();
    const result = await work(conn);
    await conn.commit();
    return result;
  } catch (err) {
    await conn.rollback();
    throw err;
  } finally {
    conn.release();
  }
}

/** How many times a transaction that lost a race is run in all. */
export const RACE_ATTEMPTS = 3;

/** Two transactions raced: a duplicate key (both inserted the same unique value) or a deadlock.
 * Retried from the start, the loser sees the winner's committed row. */
export function lostRace(err: unknown): boolean {
  const code = (err as { code?: string }).code;
  return code === 'ER_DUP_ENTRY' || code === 'ER_LOCK_DEADLOCK';
}
