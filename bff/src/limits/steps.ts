/**
 * Several rate limits checked as one (rate-limiter-flexible on Redis, shared by every BFF
 * process): points are taken in order, and a request refused by a later limit gets back what
 * the earlier ones took. Used by login (SMS, simple login), registration and filing for
 * relatives; not a feature of its own, so features share it without importing each other.
 */
import { DomainError } from '@yima/shared';
import { RateLimiterRes, type RateLimiterRedis } from 'rate-limiter-flexible';

export interface LimitStep {
  limiter: RateLimiterRedis;
  key: string;
  /** What to tell the client when this step refuses. */
  refuse: (msBeforeNext: number) => DomainError;
}

const briefly = () => new DomainError('SERVICE_UNAVAILABLE', 'the service is briefly unavailable; please try again');

/** Consumes one point from each step in order; on refusal, returns the points already taken
 * and throws the step's error. A Redis failure becomes `unavailable()` (a 503): a limit that
 * cannot be counted refuses rather than letting the request through. */
export async function consumeAll(steps: LimitStep[], unavailable: () => DomainError = briefly): Promise<LimitStep[]> {
  const taken: LimitStep[] = [];
  for (const step of steps) {
    try {
      await step.limiter.consume(step.key);
      taken.push(step);
    } catch (rejection) {
      await refund(taken);
      if (rejection instanceof RateLimiterRes) throw step.refuse(rejection.msBeforeNext);
      throw unavailable();
    }
  }
  return taken;
}

/** Gives back points taken by consumeAll, e.g. when the provider failed to send. */
export async function refund(steps: LimitStep[]): Promise<void> {
  await Promise.all(steps.map((s) => s.limiter.reward(s.key).catch(() => undefined)));
}
