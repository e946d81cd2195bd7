/**
 * Rate limits for login, on Redis with rate-limiter-flexible (so every BFF process shares
 * them). SMS sends: per phone 1/60 s, 5/hour, 10/day; per client IP (configurable); and a
 * global cap equal to the provider's capacity. Limits are checked cheapest-first, and a
 * request refused by a later limit gets back what the earlier ones took: a user refused
 * because the provider is saturated has not spent their own quota.
 */
import { DomainError, limited } from '@yima/shared';
import type { RedisClient } from '../../redis';
import { RateLimiterRedis, type RateLimiterRes } from 'rate-limiter-flexible';
import type { Config } from '../../config';
import { consumeAll as consumeSteps, refund, type LimitStep } from '../../limits/steps';
import { redisKeys } from '../../redisKeys';

export interface AuthLimiters {
  smsPerMinute: RateLimiterRedis;
  smsPerHour: RateLimiterRedis;
  smsPerDay: RateLimiterRedis;
  smsPerIp: RateLimiterRedis;
  smsGlobal: RateLimiterRedis;
  /** Wrong simple-login answers per phone, and per client IP. */
  simpleFailsPerPhone: RateLimiterRedis;
  simpleFailsPerIp: RateLimiterRedis;
}

export const SMS_RESEND_SECONDS = 60;
export const SIMPLE_MAX_FAILS_PER_PHONE = 5;

export function createAuthLimiters(redis: RedisClient, sms: Config['sms']): AuthLimiters {
  const make = (name: string, points: number, duration: number) =>
    new RateLimiterRedis({ storeClient: redis, keyPrefix: redisKeys.limiter(name), points, duration });
  return {
    smsPerMinute: make('sms:phone:60s', 1, SMS_RESEND_SECONDS),
    smsPerHour: make('sms:phone:1h', 5, 3600),
    smsPerDay: make('sms:phone:1d', 10, 86400),
    smsPerIp: make('sms:ip', sms.ipLimit, sms.ipWindowSeconds),
    smsGlobal: make('sms:global', sms.globalPerSecond, 1),
    simpleFailsPerPhone: make('simple:phone', SIMPLE_MAX_FAILS_PER_PHONE, 3600),
    simpleFailsPerIp: make('simple:ip', 50, 3600),
  };
}

/** consumeAll for login: a Redis failure says login is briefly unavailable. */
export const consumeAll = (steps: LimitStep[]): Promise<LimitStep[]> => consumeSteps(steps, unavailable);
export { refund, type LimitStep };

/** Throws a 429 when `limiter` has no points left for `key`, without spending one. */
export async function assertNotExhausted(limiter: RateLimiterRedis, key: string, refuse: (ms: number) => DomainError): Promise<void> {
  let res: RateLimiterRes | null;
  try {
    res = await limiter.get(key);
  } catch {
    throw unavailable();
  }
  if (res && res.consumedPoints >= limiter.points) throw refuse(res.msBeforeNext);
}

/** Spends a point for a failure; errors are ignored (the caller is already refusing). */
export async function recordFailure(limiter: RateLimiterRedis, key: string): Promise<void> {
  await limiter.consume(key).catch(() => undefined);
}

const unavailable = () => new DomainError('SERVICE_UNAVAILABLE', 'login is briefly unavailable; please try again');

export const smsRateLimited = (ms: number) => limited('SMS_RATE_LIMITED', 'too many codes requested for this phone or network; wait before asking again', ms);
export const smsProviderBusy = (ms: number) =>
  limited('SMS_PROVIDER_BUSY', 'the SMS service is at capacity; use simple login (phone + last 4 of your ID) or try again shortly', ms, ['simple']);
export const tooManyAttempts = (ms: number) => limited('TOO_MANY_ATTEMPTS', 'too many wrong attempts; wait before trying again', ms);
