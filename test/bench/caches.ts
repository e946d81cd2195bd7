/**
 * Micro-benchmark: the Map-based bounded caches we had (copied below) against
 * bff/src/cache/localCache.ts and features/code/tokenCache.ts on lru-cache, in the shapes the code route uses them — a hit on a warm
 * cache of 100 000 people (sessions, code states, answers), and a miss that stores and evicts.
 * `npx tsx test/bench/caches.ts`; the figures are in decision 0015.
 */
import { createLocalCache, type LocalCache } from '@yima/bff/src/cache/localCache';
import { createTokenCache } from '@yima/bff/src/features/code';

/** The Map-based LocalCache we had before lru-cache (insertion order; the oldest evicted). */
function mapLocalCache<V>(ttlMs: number, maxEntries: number): LocalCache<V> {
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
    getStale: () => undefined, // (came later: decision 0027)
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

/** The Map-based tokenCache we had. */
function mapTokenCache(reuseSeconds: number, maxEntries = 100_000) {
  const entries = new Map<string, { qr: string; issuedAt: number; expiresAt: number }>();
  return {
    get(key: string, nowSeconds: number) {
      const hit = entries.get(key);
      if (!hit) return undefined;
      if (nowSeconds - hit.issuedAt >= reuseSeconds || nowSeconds < hit.issuedAt) {
        entries.delete(key);
        return undefined;
      }
      return hit;
    },
    set(key: string, token: { qr: string; issuedAt: number; expiresAt: number }) {
      if (reuseSeconds <= 0) return;
      entries.delete(key);
      entries.set(key, token);
      if (entries.size > maxEntries) entries.delete(entries.keys().next().value as string);
    },
  };
}

const KEYS = 100_000;
const OPS = 5_000_000;
const ROUNDS = 5;

const keys = Array.from({ length: KEYS }, (_, i) => `user:${i * 7919}`);
const order = Array.from({ length: OPS }, (_, i) => keys[(i * 2654435761) % KEYS]);
const value = { color: 'green' };
const token = { qr: 'YM:…', issuedAt: 1000, expiresAt: 1300 };

function time(work: () => void, ops = OPS): number {
  const start = process.hrtime.bigint();
  work();
  return Number(process.hrtime.bigint() - start) / ops; // ns per operation
}

/** Evicting sets are fewer: ours takes tens of µs each once full (see below). */
const EVICTING_OPS = 200_000;

function median(xs: number[]): number {
  return [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
}

type Case = { name: string; ours: () => number; lru: () => number };
const cases: Case[] = [
  {
    name: 'LocalCache get, hit (100k warm)',
    ...Object.fromEntries(
      (['ours', 'lru'] as const).map((which) => {
        const cache = which === 'ours' ? mapLocalCache<object>(30_000, 200_000) : createLocalCache<object>(30_000, 200_000);
        for (const k of keys) cache.set(k, value);
        return [
          which,
          () =>
            time(() => {
              for (let i = 0; i < OPS; i++) cache.get(order[i]);
            }),
        ];
      }),
    ),
  } as Case,
  {
    name: 'LocalCache set, evicting (bound 50k)',
    ...Object.fromEntries(
      (['ours', 'lru'] as const).map((which) => {
        const cache = which === 'ours' ? mapLocalCache<object>(30_000, 50_000) : createLocalCache<object>(30_000, 50_000);
        // Distinct keys, as a stream of new people would bring: every set past 50 000 evicts.
        let n = 0;
        return [
          which,
          () =>
            time(() => {
              for (let i = 0; i < EVICTING_OPS; i++) cache.set(`new:${n++}`, value);
            }, EVICTING_OPS),
        ];
      }),
    ),
  } as Case,
  {
    name: 'tokenCache get, hit (100k warm)',
    ...Object.fromEntries(
      (['ours', 'lru'] as const).map((which) => {
        const cache = which === 'ours' ? mapTokenCache(20) : createTokenCache(20);
        for (const k of keys) cache.set(k, token);
        return [
          which,
          () =>
            time(() => {
              for (let i = 0; i < OPS; i++) cache.get(order[i], 1005);
            }),
        ];
      }),
    ),
  } as Case,
];

for (const c of cases) {
  const ours: number[] = [];
  const lru: number[] = [];
  for (let r = 0; r < ROUNDS; r++) {
    ours.push(c.ours());
    lru.push(c.lru());
  }
  console.log(`${c.name.padEnd(40)} Map (before) ${median(ours).toFixed(0).padStart(5)} ns/op   lru-cache (now) ${median(lru).toFixed(0).padStart(4)} ns/op`);
}
