/**
 * Sessions: the token is `<user id>.<256 random bits>`; Redis keeps only its SHA-256, so a
 * Redis dump holds no usable tokens. The user id in front lets the code page fetch the
 * session and the user's cached code state in one MGET; it grants nothing by itself (the
 * whole token is hashed, so changing the id finds no session). Expiry is checked against
 * our clock as well as by the key's TTL; logout deletes the key.
 */
import { hash, randomBytes } from 'node:crypto';
import type { RedisClient } from '../../redis';
import type { LoginMethod } from '@yima/shared';
import type { Clock } from '../../clock';
import type { Session } from '../../http/session';
import { redisKeys } from '../../redisKeys';

export type { Session };

/** A strategy for resolving a session: RedisClient keys of the user's to read in the same round trip
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
  /** Ends a session (logout). */
  revoke(ref: TokenRef): Promise<void>;
}

// One-shot `hash`, not createHash: the same digest without a Hash object per request (every
// request of the code, visit and scan routes hashes its bearer token).
export const hashToken = (token: string) => hash('sha256', token, 'hex');

const isToken = (token: string) => /^\d{1,20}\.[A-Za-z0-9_-]{43}$/.test(token);
/** The user id a well-formed token names (check the session before trusting it). */
const userIdOf = (token: string) => token.slice(0, token.indexOf('.'));

export function createSessionStore(
  redis: RedisClient,
  clock: Clock,
  ttlSeconds: number,
  onRevoke: (tokenHash: string) => Promise<void> = async () => undefined,
): SessionStore {
  /** Parses a stored session; one past its expiry by our clock is deleted and refused. */
  async function check(ref: TokenRef, raw: string | null): Promise<Session | null> {
    if (!raw) return null;
    const stored = JSON.parse(raw) as Omit<Session, 'tokenHash'>;
    if (stored.userId !== ref.userId) return null;
    if (Date.parse(stored.expiresAt) <= clock.now().getTime()) {
      await redis.del(redisKeys.session(ref.userId, ref.tokenHash));
      return null;
    }
    return { ...stored, tokenHash: ref.tokenHash };
  }

  /**
   * A session opened before keys carried the user's hash tag (decision 0030) is moved to its
   * new key the first time it is used, rather than every resident being logged out by the
   * upgrade (and asking for an SMS code at once). Costs one more GET only for a token whose
   * session is not found; can go once SESSION_TTL_SECONDS has passed since the upgrade.
   */
  async function fromLegacyKey(ref: TokenRef): Promise<string | null> {
    const legacy = redisKeys.legacySession(ref.tokenHash);
    const [raw, ttlMs] = await Promise.all([redis.get(legacy), redis.pttl(legacy)]);
    if (!raw || ttlMs <= 0) return null;
    await redis.set(redisKeys.session(ref.userId, ref.tokenHash), raw, 'PX', ttlMs);
    await redis.del(legacy);
    return raw;
  }

  return {
    async open(userId, method) {
      const token = `${userId}.${randomBytes(32).toString('base64url')}`;
      const expiresAt = new Date(clock.now().getTime() + ttlSeconds * 1000).toISOString();
      await redis.set(redisKeys.session(userId, hashToken(token)), JSON.stringify({ userId, method, expiresAt }), 'EX', ttlSeconds);
      return { token, expiresAt };
    },
    async resolve(token) {
      const ref = this.identify(token);
      if (!ref) return null;
      const raw = await redis.get(redisKeys.session(ref.userId, ref.tokenHash));
      return check(ref, raw ?? (await fromLegacyKey(ref)));
    },
    async resolveWith(token, prefetch) {
      const ref = this.identify(token);
      if (!ref) return null;
      // One slot: the session and the prefetched keys share the user's hash tag (redisKeys.ts).
      const [raw, ...values] = await redis.mget(redisKeys.session(ref.userId, ref.tokenHash), ...prefetch.keysFor(ref.userId));
      const session = await check(ref, raw ?? (await fromLegacyKey(ref)));
      return session ? { session, values } : null;
    },
    identify(token) {
      return isToken(token) ? { tokenHash: hashToken(token), userId: userIdOf(token) } : null;
    },
    async revoke(ref) {
      await Promise.all([redis.del(redisKeys.session(ref.userId, ref.tokenHash)), redis.del(redisKeys.legacySession(ref.tokenHash))]);
      await onRevoke(ref.tokenHash);
    },
  };
}
