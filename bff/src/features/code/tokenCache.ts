/**
 * Reuses a freshly signed token for the same holder and colour for a short while. A queue of
 * people re-opening their code (and retries on bad networks) then costs no new Ed25519
 * signature: signing is the largest CPU cost of the code page. A colour change never reuses
 * (the key includes the colour), and a reused token always has at least
 * (TTL − reuse window) of life left. Per process, bounded; losing it costs only signatures.
 */
import { LRUCache } from 'lru-cache';

export interface CachedToken {
  qr: string;
  issuedAt: number;
  expiresAt: number;
}

export function createTokenCache(reuseSeconds: number, maxEntries = 100_000) {
  // The bound is lru-cache's (cache/localCache.ts says why); the reuse window is ours, on the
  // app clock, so tests move it with the fake clock.
  const entries = new LRUCache<string, CachedToken>({ max: maxEntries });
  return {
    get(key: string, nowSeconds: number): CachedToken | undefined {
      const hit = entries.get(key);
      if (!hit) return undefined;
      if (nowSeconds - hit.issuedAt >= reuseSeconds || nowSeconds < hit.issuedAt) {
        entries.delete(key);
        return undefined;
      }
      return hit;
    },
    set(key: string, token: CachedToken): void {
      if (reuseSeconds > 0) entries.set(key, token);
    },
  };
}
