/**
 * What an authenticated feed upload must get from Redis before its body is read, so that
 * every BFF process agrees: its signature not seen before (replay), the feed's upload lock
 * (one upload per feed at a time), and room in the spool (all uploads in progress together
 * reserve at most `spoolMaxBytes`).
 *
 * The reservation lives in the lock's value, so it ends with the lock: released when the
 * upload ends, or expiring with the lock's TTL if the process dies. A running upload renews
 * its lock; a renewal that finds the lock gone is logged (the lock guards disk space and
 * ordering, not correctness: applying a batch is idempotent by version).
 *
 * One guard serves every kind of feed (provincial, nucleic-acid, vaccination), so the spool's
 * cap counts all their uploads; its `feeds` are lock names (batchRoute.ts feedLockName), which
 * keep feeds of different kinds with one id apart.
 */
import { DomainError } from '@yima/shared';
import { randomUUID } from 'node:crypto';
import type { RedisClient } from '../../redis';
import type { Logger } from 'pino';
import { redisKeys } from '../../redisKeys';

export const UPLOAD_LOCK_TTL_MS = 30_000;
const RENEW_EVERY_MS = 10_000;
/** A refused upload may try again after this long (uploads last seconds to tens of seconds). */
export const UPLOAD_RETRY_AFTER_SECONDS = 5;

/** KEYS: every feed's lock; ARGV: index of this feed's key, value to set, bytes, TTL ms, cap.
 * Returns {1} when taken, {0} when this feed's lock is held, {-1, reserved} when the cap
 * would be exceeded. */
const ACQUIRE = `
local mine = KEYS[tonumber(ARGV[1])]
if redis.call('EXISTS', mine) == 1 then return {0} end
local reserved = 0
for _, k in ipairs(KEYS) do
  local v = redis.call('GET', k)
  if v then reserved = reserved + tonumber(string.match(v, ':(%d+)$') or '0') end
end
if reserved + tonumber(ARGV[3]) > tonumber(ARGV[5]) then return {-1, reserved} end
redis.call('SET', mine, ARGV[2], 'PX', ARGV[4])
return {1}`;
const RENEW = `if redis.call('GET', KEYS[1]) == ARGV[1] then return redis.call('PEXPIRE', KEYS[1], ARGV[2]) end return 0`;
const RELEASE = `if redis.call('GET', KEYS[1]) == ARGV[1] then return redis.call('DEL', KEYS[1]) end return 0`;

export interface UploadSlot {
  release(): Promise<void>;
}

export function createUploadGuard(d: { redis: RedisClient; feeds: string[]; spoolMaxBytes: number; windowSeconds: number; logger: Logger }) {
  const lockKeys = d.feeds.map(redisKeys.feedUpload);

  return {
    /** Remembers an accepted signature; false when it was accepted before. Kept for twice the
     * window: a timestamp accepted now stays acceptable at most that long. */
    async claimSignature(feed: string, signatureHex: string): Promise<boolean> {
      return (await d.redis.set(redisKeys.feedSignature(feed, signatureHex), '1', 'EX', 2 * d.windowSeconds, 'NX')) === 'OK';
    },

    /** Takes the feed's lock with a reservation of `bytes`, or throws the 409/429 refusal. */
    async begin(feed: string, bytes: number): Promise<UploadSlot> {
      const index = d.feeds.indexOf(feed);
      if (index < 0) throw new Error(`feed ${feed} is not configured`);
      const key = lockKeys[index];
      const value = `${randomUUID()}:${bytes}`;
      const [taken, reserved] = (await d.redis.eval(ACQUIRE, lockKeys.length, ...lockKeys, index + 1, value, bytes, UPLOAD_LOCK_TTL_MS, d.spoolMaxBytes)) as [
        number,
        number?,
      ];
      if (taken === 0) {
        throw new DomainError('FEED_UPLOAD_IN_PROGRESS', `an upload of feed "${feed}" is in progress; send one batch at a time`, {
          retryAfterSeconds: UPLOAD_RETRY_AFTER_SECONDS,
        });
      }
      if (taken === -1) {
        d.logger.warn({ feed, bytes, reserved }, 'feed upload refused: spool full');
        throw new DomainError('SPOOL_FULL', 'other uploads are using the space for batches; try again shortly', {
          retryAfterSeconds: UPLOAD_RETRY_AFTER_SECONDS,
        });
      }
      const renew = setInterval(() => {
        d.redis.eval(RENEW, 1, key, value, UPLOAD_LOCK_TTL_MS).then(
          (ok) => ok || d.logger.warn({ feed }, 'feed upload lock lost while the upload ran'),
          (err: Error) => d.logger.warn({ feed, reason: err.message }, 'feed upload lock not renewed'),
        );
      }, RENEW_EVERY_MS);
      renew.unref();
      return {
        async release() {
          clearInterval(renew);
          // If Redis is unreachable now, the lock expires by itself within its TTL.
          await d.redis.eval(RELEASE, 1, key, value).catch((err: Error) => d.logger.warn({ feed, reason: err.message }, 'feed upload lock not released'));
        },
      };
    },
  };
}

export type UploadGuard = ReturnType<typeof createUploadGuard>;
