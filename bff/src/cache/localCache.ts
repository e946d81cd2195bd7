/**
 * A bounded in-process cache with a time limit per entry, for data that other processes
 * may change: entries are dropped by the invalidation bus (invalidationBus.ts) as soon as a
 * change is announced, and in any case after `ttlMs` should a message be missed.
 * Time here is the process's monotonic clock, not the app clock: it measures cache age only.
 */
export interface LocalCache<V> {
  get(key: string): V | undefined;
  set(key: string, value: V): void;
  delete(key: string): void;
  clear(): void;
  readonly size: number;
}

export function createLocalCache<V>(ttlMs: number, maxEntries: number): LocalCache<V> {
  const entries = new Map<string, { value: V; at: number }>();
  return {
    get(key) {
      const hit = entries.get(key);
      if (!hit) return undefined;
      if (performance.now() - hit.at > ttlMs) {
        entries.delete(key);
        return undefined;
      }
      return hit.value;
    },
    set(key, value) {
      if (ttlMs <= 0) return;
      entries.delete(key);
      entries.set(key, { value, at: performance.now() });
      if (entries.size > maxEntries) entries.delete(entries.keys().next().value as string);
    },
    delete: (key) => void entries.delete(key),
    clear: () => entries.clear(),
    get size() {
      return entries.size;
    },
  };
}
