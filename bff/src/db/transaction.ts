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
