/**
 * `Idempotency-Key` for the routes that record a visit (a resident's visit, a guard's scan):
 * a client whose POST was cut (a reset, a lost answer) sends it again with the same key and
 * gets the first answer again — same status, same body — without a second visit
 * (issue 14, docs/decisions/0028-shutdown-idempotency-sessions.md).
 *
 * One Redis key per account and client key, claimed atomically with SET NX before the
 * handler runs:
 * - claimed: the handler runs; its answer replaces the claim, kept IDEMPOTENCY_TTL_SECONDS;
 *   if it throws, the claim is deleted so a retry runs again (the error was the answer, and
 *   nothing was recorded — but see the decision for a Redis stall mid-request);
 * - taken, finished, same request: the stored answer, with `Idempotent-Replayed: true`;
 * - taken, another request (other route, place or body): 409 `IDEMPOTENCY_KEY_REUSED`;
 * - taken, still running (a concurrent duplicate): 409 `REQUEST_IN_PROGRESS`, `Retry-After: 1`
 *   — answering at once rather than waiting keeps a request slot free, and the app's retry
 *   comes after the first has finished.
 * Without the header the route works as before (older app versions).
 */
import { hash } from 'node:crypto';
import type { Middleware } from 'koa';
import type { RedisClient } from '../redis';
import { DomainError } from '@yima/shared';
import { redisKeys } from '../redisKeys';

export const IDEMPOTENCY_HEADER = 'Idempotency-Key';
/** A retry a day later is still answered the same; the answers kept cost ~1 KiB each. */
export const IDEMPOTENCY_TTL_SECONDS = 24 * 3600;
/** A claim whose request never finished (its process died) frees the key after this. Well
 * above a request's deadlines, which end every request within a few seconds. */
export const IDEMPOTENCY_CLAIM_SECONDS = 30;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

interface Stored {
  /** Hash of method, path and body: the same key for another request is refused. */
  fp: string;
  /** Absent while the first request runs. */
  status?: number;
  body?: string;
}

/** What a handler behind `idempotent` finds in `ctx.state`. */
export interface IdempotentState {
  /** The request's key for the account, hashed: 32 hex digits; absent without a key. */
  clientKey?: string;
}

/** The key as the visit log keeps it: per account (another account's same UUID is another
 * key), 16 bytes of SHA-256, never the client's text. */
export const clientKeyOf = (userId: string, key: string): string => hash('sha256', `${userId}:${key.toLowerCase()}`, 'hex').slice(0, 32);

/** The user the key belongs to: keys are per account, so one account cannot read another's. */
export function idempotent<S>(
  redis: RedisClient,
  userOf: (state: S) => string,
  options: {
    /** Asked before anything of an earlier request is answered (its stored answer, or that it
     * is running): throws if this caller may no longer have it — a guard whose role was revoked
     * (attacker's pass 13). Requests without a key, and first requests, never reach it: the
     * handler checks them itself. */
    beforeReplay?: (ctx: Parameters<Middleware<S>>[0]) => Promise<void>;
  } = {},
): Middleware<S> {
  return async (ctx, next) => {
    const key = ctx.get(IDEMPOTENCY_HEADER);
    if (!key) return next();
    if (!UUID.test(key)) throw new DomainError('INVALID_REQUEST', `${IDEMPOTENCY_HEADER}: a UUID the client made for this action`);
    // One-shot `hash` (here and in clientKeyOf): no Hash object per keyed request.
    const fp = hash('sha256', `${ctx.method} ${ctx.path}\n${JSON.stringify(ctx.request.body ?? {})}`, 'base64url');
    const userId = userOf(ctx.state);
    const redisKey = redisKeys.idempotency(userId, key.toLowerCase());
    // For the handler to record with what it writes (the visit log): a second record of this
    // request, after a Redis stall freed the claim, is then not written twice.
    (ctx.state as IdempotentState).clientKey = clientKeyOf(userId, key);
    const claimed = await redis.set(redisKey, JSON.stringify({ fp } satisfies Stored), 'EX', IDEMPOTENCY_CLAIM_SECONDS, 'NX');
    if (claimed !== 'OK') {
      await options.beforeReplay?.(ctx);
      const raw = await redis.get(redisKey);
      // Gone between the two commands: the first failed and freed it; the client retries.
      const stored = raw ? (JSON.parse(raw) as Stored) : null;
      if (stored && stored.fp !== fp)
        throw new DomainError('IDEMPOTENCY_KEY_REUSED', `${IDEMPOTENCY_HEADER} was used for another request: make a new one per action`);
      if (!stored || stored.status === undefined)
        throw new DomainError('REQUEST_IN_PROGRESS', 'the same request is still being answered: retry shortly', { retryAfterSeconds: 1 });
      ctx.status = stored.status;
      ctx.type = 'application/json';
      ctx.set('Idempotent-Replayed', 'true');
      ctx.body = stored.body;
      return;
    }
    try {
      await next();
    } catch (err) {
      // Best effort: if Redis is what failed, the claim expires by itself.
      await redis.del(redisKey).catch(() => undefined);
      throw err;
    }
    const body = typeof ctx.body === 'string' ? ctx.body : JSON.stringify(ctx.body);
    await redis.set(redisKey, JSON.stringify({ fp, status: ctx.status, body } satisfies Stored), 'EX', IDEMPOTENCY_TTL_SECONDS);
  };
}
