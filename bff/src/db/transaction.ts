/** Runs `work` in one transaction on one pooled connection: commit, or roll back and rethrow;
 * optionally at a given isolation level, and run again from the start when it lost to another
 * transaction (the project's one transaction and retry helper). */
import type { PoolConnection } from 'mysql2/promise';
import type { Db } from './pool';
import { isDependencyTimeout } from '../deadlines';

export interface TransactionOptions {
  /** For this transaction only. READ COMMITTED takes no gap locks: bulk writers inserting
   * neighbouring new keys at once would otherwise deadlock on each other's gaps. */
  isolation?: 'READ COMMITTED';
  /** Runs `work` again on a fresh transaction when it fails with an error `when` accepts, up to
   * `attempts` runs in all; any other error, or the last attempt's, is thrown. `work` must be
   * safe to run again: everything it wrote was rolled back. */
  retry?: { attempts: number; when: (err: unknown) => boolean };
}

export async function inTransaction<T>(db: Db, work: (conn: PoolConnection) => Promise<T>, options: TransactionOptions = {}): Promise<T> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await once(db, work, options.isolation);
    } catch (err) {
      if (options.retry && attempt < options.retry.attempts && options.retry.when(err)) continue;
      throw err;
    }
  }
}

async function once<T>(db: Db, work: (conn: PoolConnection) => Promise<T>, isolation: TransactionOptions['isolation']): Promise<T> {
  const conn = await db.getConnection();
  let reusable = true;
  try {
    // SET TRANSACTION (without SESSION) applies to the next transaction only.
    if (isolation) await conn.query(`SET TRANSACTION ISOLATION LEVEL ${isolation}`);
    await conn.beginTransaction();
    const result = await work(conn);
    await conn.commit();
    return result;
  } catch (err) {
    // The error that failed the work is the one to report (and to decide a retry on), not a
    // failed rollback's. A connection whose rollback failed may still hold the transaction
    // open: it is closed rather than handed to the next caller, whose BEGIN would commit it.
    // A query past its deadline destroyed the connection (db/deadlinePool.ts): the server
    // rolls back when it sees it closed, and a ROLLBACK here would only wait again.
    if (isDependencyTimeout(err)) reusable = false;
    else
      await conn.rollback().catch(() => {
        reusable = false;
      });
    throw err;
  } finally {
    if (reusable) conn.release();
    else conn.destroy();
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

/** Two writers wanted the same rows' locks: InnoDB chose this one as a deadlock's victim, or it
 * waited longer than innodb_lock_wait_timeout. Rolled back whole (inTransaction), and run again
 * it goes through once the other has committed. */
export function lockConflict(err: unknown): boolean {
  const code = (err as { code?: string }).code;
  return code === 'ER_LOCK_DEADLOCK' || code === 'ER_LOCK_WAIT_TIMEOUT';
}
