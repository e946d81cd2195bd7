/**
 * Limits on adding relatives (issue 10, finding 2: ~6,000 name guesses a minute went through).
 * On Redis with rate-limiter-flexible, like the login limits, so every BFF process shares them.
 * - Refused attempts per filer per day, and per target ID number per day whoever tries, so
 *   many accounts cannot share the guessing of one person's name.
 * - New person records (unknown ID numbers) per filer per day, so one account cannot squat
 *   many ID numbers under invented names.
 * A point is taken before the attempt is looked at and given back unless it is refused in a
 * way that tells the filer something (wrong name, own account): taking first means a burst
 * of concurrent guesses cannot all slip past a check made before any of them counted.
 */
import { DomainError, limited } from '@yima/shared';
import type { RedisClient } from '../../redis';
import { RateLimiterRedis } from 'rate-limiter-flexible';
import type { Config } from '../../config';
import { redisKeys } from '../../redisKeys';
import { consumeAll, refund, type LimitStep } from '../../limits/steps';

export type { LimitStep };

const DAY_SECONDS = 86400;
/** A throttled filer hammering one ID number leaves one audit row per this long, not one per request. */
const THROTTLED_AUDIT_SECONDS = 3600;

const refused = (ms: number) =>
  limited('TOO_MANY_ATTEMPTS', 'too many refused attempts to add a relative; try again later, or ask your community (社区) for help', ms);

const take = (steps: LimitStep[]) =>
  consumeAll(steps, () => new DomainError('SERVICE_UNAVAILABLE', 'adding relatives is briefly unavailable; please try again'));

export function createFilingLimits(redis: RedisClient, config: Config['dependents']) {
  const make = (name: string, points: number) =>
    new RateLimiterRedis({ storeClient: redis, keyPrefix: redisKeys.limiter(name), points, duration: DAY_SECONDS });
  const perFiler = make('filing:fails:filer', config.failsPerFilerPerDay);
  const perId = make('filing:fails:id', config.failsPerIdPerDay);
  const newRecords = make('filing:new:filer', config.newRecordsPerFilerPerDay);

  return {
    /** One point from the filer's and the ID number's budgets; 429 when either is spent. */
    takeAttempt: (filerUserId: string, idHashHex: string): Promise<LimitStep[]> =>
      take([
        { limiter: perFiler, key: filerUserId, refuse: refused },
        { limiter: perId, key: idHashHex, refuse: refused },
      ]),

    /** One new record for this filer today; 429 when spent. */
    takeNewRecord: (filerUserId: string): Promise<LimitStep[]> => take([{ limiter: newRecords, key: filerUserId, refuse: refused }]),

    giveBack: refund,

    /** True the first time in an hour this filer is throttled on this ID number. */
    async firstThrottleInWindow(filerUserId: string, idHashHex: string): Promise<boolean> {
      // Redis failing here must not turn the 429 into a 500: the row is then simply written.
      const set = await redis
        .set(`${redisKeys.limiter('filing:throttled')}:${filerUserId}:${idHashHex}`, '1', 'EX', THROTTLED_AUDIT_SECONDS, 'NX')
        .catch(() => 'OK');
      return set === 'OK';
    },
  };
}

export type FilingLimits = ReturnType<typeof createFilingLimits>;
