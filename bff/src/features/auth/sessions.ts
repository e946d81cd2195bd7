/**
 * Sessions: the token is `<user id>.<256 random bits>`; Redis keeps only its SHA-256, so a
 * Redis dump holds no usable tokens. The user id in front lets the code page fetch the
 * session and the user's cached code state in one MGET; it grants nothing by itself (the
 * whole token is hashed, so changing the id finds no session). Expiry is checked against
 * our clock as well as by the key's TTL; logout deletes the key.
 */
import { createHash, randomBytes } from 'node:crypto';
import type { Redis } from 'ioredis';
import type { LoginMethod } from '@yima/shared';
import type { Clock } from '../../clock';
import type { Session } from '../../http/session';
import { redisKeys } from '../../redisKeys';

export type { Session };

export interface SessionStore {
  open(userId: string, method: LoginMethod): Promise<{ token: string; expiresAt: string }>;
  resolve(token: string): Promise<Session | null>;
  /** resolve, and in the same round trip (MGET) read the keys `keysFor(userId)`: the hot
   * code page needs the session and the user's cached state and should not wait twice. */
  resolveWith(token: string, keysFor: (userId: string) => string[]): Promise<{ session: Session; values: (string | null)[] } | null>;
  revoke(tokenHash: string): Promise<void>;
}

export const hashToken = (token: string) => createHash('sha256').update(token).digest('hex');


export const isToken = (token: string) => /^\d{1,20}\.[A-Za-z0-9_-]{43}$/.test(token);
/** The user id a well-formed token names (check the session before trusting it). */
export const userIdOf = (token: string) => token.slice(0, token.indexOf('.'));

export function createSessionStore(redis: Redis, clock: Clock, ttlSeconds: number, onRevoke: (tokenHash: string) => Promise<void> = async () => undefined): SessionStore {
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
      const token = `${userId}.${randomBytes(32).toString('base64url')}`;
      const expiresAt = new Date(clock.now().getTime() + ttlSeconds * 1000).toISOString();
      await redis.set(redisKeys.session(hashToken(token)), JSON.stringify({ userId, method, expiresAt }), 'EX', ttlSeconds);
      return { token, expiresAt };
    },
    async resolve(token) {
      if (!isToken(token)) return null;
      const tokenHash = hashToken(token);
      return check(tokenHash, await redis.get(redisKeys.session(tokenHash)));
    },
    async resolveWith(token, keysFor) {
      if (!isToken(token)) return null;
      const tokenHash = hashToken(token);
      const userId = userIdOf(token);
      const [raw, ...values] = await redis.mget(redisKeys.session(tokenHash), ...keysFor(userId));
      const session = await check(tokenHash, raw);
      return session && session.userId === userId ? { session, values } : null;
    },
    async revoke(tokenHash) {
      await redis.del(redisKeys.session(tokenHash));
      await onRevoke(tokenHash);
    },
  };
}
