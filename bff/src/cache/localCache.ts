/**
 * A bounded in-process cache with a time limit per entry, for data that other processes
 * may change: entries are dropped by the invalidation bus (invalidationBus.ts) as soon as a
 * change is announced, and in any case after `ttlMs` should a message be missed.
 * Time here is the process's monotonic clock (lru-cache's `performance.now`), not the app
 * clock: it measures cache age only.
 *
 * Built on lru-cache rather than our own Map: once full, evicting the oldest key of a Map
 * (`keys().next()` after many deletions at its head) cost ~40 µs a set here, lru-cache's
 * ~0.8 µs; hits are as fast or faster (test/bench/caches.ts, decision 0015).
 */
import { LRUCache } from 'lru-cache';

export interface LocalCache<V> {
  get(key: string): V | undefined;
  /** The entry even past its time limit (only with `keepStale`; until it is replaced,
   * deleted or evicted): the last known value, for when its store does not answer. */
  getStale(key: string): V | undefined;
  set(key: string, value: V): void;
  delete(key: string): void;
  clear(): void;
  readonly size: number;
}

/** `ttlMs` ≤ 0 turns the cache off (every get misses), as CODE_CACHE_SECONDS=0 asks.
 * `keepStale`: an entry past its time limit stays (still bounded by `maxEntries`) for
 * `getStale` — decision 0027's fallback while MariaDB is down. */
export function createLocalCache<V extends object>(ttlMs: number, maxEntries: number, options: { keepStale?: boolean } = {}): LocalCache<V> {
  if (ttlMs <= 0) return { get: () => undefined, getStale: () => undefined, set: () => undefined, delete: () => undefined, clear: () => undefined, size: 0 };
  // lru-cache's own default resolution: "now" is read at most once a millisecond.
  const lru = new LRUCache<string, V>({ max: maxEntries, ttl: Math.ceil(ttlMs), noDeleteOnStaleGet: options.keepStale === true });
  return {
    get: (key) => lru.get(key),
    getStale: (key) => (options.keepStale ? lru.get(key, { allowStale: true }) : undefined),
    set: (key, value) => void lru.set(key, value),
    delete: (key) => void lru.delete(key),
    clear: () => lru.clear(),
    get size() {
      return lru.size;
    },
  };
}

/** `load()`'s answer; when it fails (its store down or past its deadline), the last known
 * value if there is one, else the failure (decision 0027). */
export async function orLastKnown<T>(load: () => Promise<T>, lastKnown: () => T | undefined): Promise<T> {
  try {
    return await load();
  } catch (err) {
    const stale = lastKnown();
    if (stale !== undefined) return stale;
    throw err;
  }
}
