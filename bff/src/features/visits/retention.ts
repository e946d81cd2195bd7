/**
 * Deletes visits older than the retention period (VISIT_RETENTION_DAYS, default 28) in small
 * batches by primary key, with a pause between them, so the job never holds long locks on a
 * table that takes thousands of inserts a second. Runs hourly in each BFF process; two
 * processes running it at once only share the work.
 */
import type { ResultSetHeader } from 'mysql2/promise';
import type { Logger } from 'pino';
import type { Clock } from '../../clock';
import type { Db } from '../../db/pool';

const BATCH = 5000;
const PAUSE_MS = 50;

export async function deleteOldVisits(d: { db: Db; clock: Clock; retentionDays: number }): Promise<number> {
  const cutoff = new Date(d.clock.now().getTime() - d.retentionDays * 86400_000);
  let total = 0;
  // Visitors recorded by hand (decision 0025) are kept exactly as long as their visits.
  for (const table of ['visits', 'unregistered_visitors']) {
    for (;;) {
      const [res] = await d.db.query<ResultSetHeader>(`DELETE FROM ${table} WHERE at < ? ORDER BY at LIMIT ?`, [cutoff, BATCH]);
      if (table === 'visits') total += res.affectedRows;
      if (res.affectedRows < BATCH) break;
      await new Promise((resolve) => setTimeout(resolve, PAUSE_MS));
    }
  }
  return total;
}

export function scheduleRetention(d: { db: Db; clock: Clock; retentionDays: number; logger: Logger }, everyMs = 3600_000): () => void {
  const run = () =>
    deleteOldVisits(d).then(
      (n) => n && d.logger.info({ deleted: n }, 'old visits deleted'),
      (err: Error) => d.logger.warn({ reason: err.message }, 'visit retention failed; will retry'),
    );
  const timer = setInterval(() => void run(), everyMs);
  timer.unref();
  return () => clearInterval(timer);
}
