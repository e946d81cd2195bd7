/**
 * Sessions: an opaque random token for the client; Redis keeps only its SHA-256, so a
 * Redis dump holds no usable tokens. Expiry is checked against our clock as well as by
 * the key's TTL; logout deletes the key.
 */
import { createHash, randomBytes } from 'node:crypto';
import type { Redis } from 'ioredis';
import type { LoginMethod } from '@yima/shared';
import type { Clock } from '../../clock';
import { redisKeys } from '../../redisKeys';

export interface Session {
  userId: string;
  method: LoginMethod;
  expiresAt: string;
  tokenHash: string;
}

export interface SessionStore {
  open(userId: string, method: LoginMethod): Promise<{ token: string; expiresAt: string }>;
  resolve(token: string): Promise<Session | null>;
  /** resolve, and in the same round trip read the key `${userKeyPrefix}${userId}`: the hot
   * code page needs both and should not wait for Redis twice. */
  resolveWith(token: string, userKeyPrefix: string): Promise<{ session: Session; value: string | null } | null>;
  revoke(tokenHash: string): Promise<void>;
}

export const hashToken = (token: string) => createHash('sha256').update(token).digest('hex');

// Reads a key named after the session's user. Single-node Redis only: under Redis Cluster the
// two keys would need a shared hash tag (docs/decisions/0004-code-tokens-and-hot-path.md).
const SESSION_WITH_USER_KEY = `
local s = redis.call('GET', KEYS[1])
if not s then return {} end
local uid = cjson.decode(s).userId
local v = redis.call('GET', ARGV[1] .. uid)
if not v then return {s} end
return {s, v}
`;

const isToken = (token: string) => /^[A-Za-z0-9_-]{43}$/.test(token);

export function createSessionStore(redis: Redis, clock: Clock, ttlSeconds: number): SessionStore {
  /** Parses a stored session; one past its expiry by our clock is deleted and refused. */
  async function check(tokenHash: string, raw: string | null): Promise<Session | null> {
    if (!raw) return null;
    const stored = JSON.parse(raw) as Omit<Session, 'tokenHash'>;
    if (Date.parse(stored.expiresAt) <= clock.now().getTime()) {
      await redis.del(redisKeys.session(tokenHash));
      return null;
    }
    return { ...stored, tokenHash };
  }

  return {
    async open(userId, method) {
      const token = randomBytes(32).toString('base64url');
      const expiresAt = new Date(clock.now().getTime() + ttlSeconds * 1000).toISOString();
      await redis.set(redisKeys.session(hashToken(token)), JSON.stringify({ userId, method, expiresAt }), 'EX', ttlSeconds);
      return { token, expiresAt };
    },
    async resolve(token) {
      if (!isToken(token)) return null;
      const tokenHash = hashToken(token);
      return check(tokenHash, await redis.get(redisKeys.session(tokenHash)));
    },
    async resolveWith(token, userKeyPrefix) {
      if (!isToken(token)) return null;
      const tokenHash = hashToken(token);
      const [raw, value] = (await redis.eval(SESSION_WITH_USER_KEY, 1, redisKeys.session(tokenHash), userKeyPrefix)) as [string?, string?];
      const session = await check(tokenHash, raw ?? null);
      return session ? { session, value: value ?? null } : null;
    },
    async revoke(tokenHash) {
      await redis.del(redisKeys.session(tokenHash));
    },
  };
}
