/**
 * Reuses a freshly signed token for the same holder and colour for a short while. A queue of
 * people re-opening their code (and retries on bad networks) then costs no new Ed25519
 * signature: signing is the largest CPU cost of the code page. A colour change never reuses
 * (the key includes the colour), and a reused token always has at least
 * (TTL − reuse window) of life left. Per process, bounded; losing it costs only signatures.
 */
export interface CachedToken {
  qr: string;
  issuedAt: number;
  expiresAt: number;
}

export function createTokenCache(reuseSeconds: number, maxEntries = 100_000) {
  const entries = new Map<string, CachedToken>();
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
      if (reuseSeconds <= 0) return;
      entries.delete(key);
      entries.set(key, token);
      // Maps iterate in insertion order: the first key is the oldest.
      if (entries.size > maxEntries) entries.delete(entries.keys().next().value as string);
    },
  };
}
