/**
 * The screen tokens this city issued, by digest (SPEC C7, issue 6: verifying an Ed25519
 * signature on every online scan would cap a scanner route near 20 % of a bare Koa route).
 * When a token is signed its SHA-256 goes into Redis with the account it was made for, for
 * as long as the token lives. An online scan of one of our screen tokens then costs a hash
 * and a GET instead of a signature check, and is exactly as safe: only a string we signed
 * has a registered digest (SHA-256 is collision-resistant), and the entry expires with the
 * token. A miss (another process's write not yet there, Redis trouble, a relative's code)
 * falls back to the signature. Offline scanners verify signatures as before.
 */
import { hash } from 'node:crypto';
import type { RedisClient } from '../../redis';

const key = (digest: string) => `yima:tok:${digest}`;
/** One-shot `hash`: no Hash object per scan. */
export const tokenDigest = (qr: string) => hash('sha256', qr, 'base64url').slice(0, 32);

export function createIssuedTokens(redis: RedisClient) {
  return {
    /** Registers a freshly signed token; failures only cost the fast path. */
    remember(qr: string, userId: string, expiresAtSeconds: number): void {
      const ttlMs = expiresAtSeconds * 1000 - Date.now();
      if (ttlMs <= 0) return;
      redis.set(key(tokenDigest(qr)), userId, 'PX', ttlMs).catch(() => undefined);
    },
    /** The account a token was issued for, or null when it is not (known to be) ours. */
    async userOf(qr: string): Promise<string | null> {
      return redis.get(key(tokenDigest(qr)));
    },
  };
}

export type IssuedTokens = ReturnType<typeof createIssuedTokens>;
