/**
 * Ages out the active-people rows (kept only to count each person once a day): hourly, days
 * older than ACTIVE_DAYS_KEPT go, in small batches. Offline scans are uploaded up to 24 hours
 * late and are marked on the day they were made, so that day must still be there. The counts
 * stay in stats_daily.
 */
import { addDays, chinaDate } from '@yima/shared';
import type { Logger } from 'pino';
import type { Clock } from '../../clock';
import type { StatsRepo } from './statsRepo';

export const ACTIVE_DAYS_KEPT = 3;

export async function deleteOldActivePeople(d: { repo: StatsRepo; clock: Clock }): Promise<number> {
  return d.repo.deleteActiveBefore(addDays(chinaDate(d.clock.now()), -(ACTIVE_DAYS_KEPT - 1)));
}

export function scheduleStatsRetention(d: { repo: StatsRepo; clock: Clock; logger: Logger }, everyMs = 3600_000): () => void {
  const run = () =>
    deleteOldActivePeople(d).then(
      (n) => n && d.logger.info({ deleted: n }, 'old active-people rows deleted'),
      (err: Error) => d.logger.warn({ reason: err.message }, 'active-people retention failed; will retry'),
    );
  const timer = setInterval(() => void run(), everyMs);
  timer.unref();
  return () => clearInterval(timer);
}
