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

/** A strategy for resolving a session: Redis keys of the user's to read in the same round trip
 * (MGET) as the session. The code page reads the user's cached code state this way
 * (personState/codeState.ts) and does not wait twice. */
export interface SessionPrefetch {
  keysFor(userId: string): string[];
}

/** What a well-formed token names, before any lookup: the key of its session and the user it
 * claims (trust neither until the session is resolved). */
export interface TokenRef {
  tokenHash: string;
  userId: string;
}

export interface SessionStore {
  open(userId: string, method: LoginMethod): Promise<{ token: string; expiresAt: string }>;
  resolve(token: string): Promise<Session | null>;
  /** resolve, with the values of `prefetch`'s keys read in the same MGET. */
  resolveWith(token: string, prefetch: SessionPrefetch): Promise<{ session: Session; values: (string | null)[] } | null>;
  /** The token's reference, or null for a malformed token (no I/O: in-process caches key on it). */
  identify(token: string): TokenRef | null;
  revoke(tokenHash: string): Promise<void>;
}

export const hashToken = (token: string) => createHash('sha256').update(token).digest('hex');

const isToken = (token: string) => /^\d{1,20}\.[A-Za-z0-9_-]{43}$/.test(token);
/** The user id a well-formed token names (check the session before trusting it). */
const userIdOf = (token: string) => token.slice(0, token.indexOf('.'));

export function createSessionStore(
  redis: Redis,
  clock: Clock,
  ttlSeconds: number,
  onRevoke: (tokenHash: string) => Promise<void> = async () => undefined,
): SessionStore {
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
    async resolveWith(token, prefetch) {
      if (!isToken(token)) return null;
      const tokenHash = hashToken(token);
      const userId = userIdOf(token);
      const [raw, ...values] = await redis.mget(redisKeys.session(tokenHash), ...prefetch.keysFor(userId));
      const session = await check(tokenHash, raw);
      return session && session.userId === userId ? { session, values } : null;
    },
    identify(token) {
      return isToken(token) ? { tokenHash: hashToken(token), userId: userIdOf(token) } : null;
    },
    async revoke(tokenHash) {
      await redis.del(redisKeys.session(tokenHash));
      await onRevoke(tokenHash);
    },
  };
}
