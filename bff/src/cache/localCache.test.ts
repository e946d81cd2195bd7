import { describe, expect, it } from 'vitest';
import { createLocalCache, orLastKnown } from './localCache';

describe('createLocalCache', () => {
  it('when full, then the least recently used entry goes first', () => {
    const cache = createLocalCache<{ n: number }>(60_000, 2);
    cache.set('a', { n: 1 });
    cache.set('b', { n: 2 });
    expect(cache.get('a')).toEqual({ n: 1 }); // a is now the most recent
    cache.set('c', { n: 3 });
    expect(cache.get('b')).toBeUndefined();
    expect(cache.get('a')).toEqual({ n: 1 });
    expect(cache.size).toBe(2);
  });

  it('when the time limit is 0, then nothing is kept (CODE_CACHE_SECONDS=0 turns caching off)', () => {
    const cache = createLocalCache<{ n: number }>(0, 10);
    cache.set('a', { n: 1 });
    expect(cache.get('a')).toBeUndefined();
    expect(cache.size).toBe(0);
  });

  it('when an entry is older than its time limit, then it is gone', async () => {
    const cache = createLocalCache<{ n: number }>(20, 10);
    cache.set('a', { n: 1 });
    await new Promise((resolve) => setTimeout(resolve, 40));
    expect(cache.get('a')).toBeUndefined();
  });

  it('when an entry is older than its time limit and the cache keeps stale entries, then get misses but getStale still has it until it is replaced', async () => {
    const cache = createLocalCache<{ n: number }>(20, 10, { keepStale: true });
    const plain = createLocalCache<{ n: number }>(20, 10);
    cache.set('a', { n: 1 });
    plain.set('a', { n: 1 });
    await new Promise((resolve) => setTimeout(resolve, 40));
    expect(cache.get('a')).toBeUndefined();
    expect(cache.getStale('a')).toEqual({ n: 1 });
    expect(plain.getStale('a')).toBeUndefined();
    cache.set('a', { n: 2 });
    expect(cache.get('a')).toEqual({ n: 2 });
  });

  it('when loading fails, then orLastKnown answers the last known value, and with none the failure', async () => {
    const down = () => Promise.reject(new Error('mysql: no answer within 600 ms'));
    expect(await orLastKnown(down, () => ({ n: 1 }))).toEqual({ n: 1 });
    await expect(orLastKnown(down, () => undefined)).rejects.toThrow('no answer');
    expect(
      await orLastKnown(
        () => Promise.resolve({ n: 2 }),
        () => ({ n: 1 }),
      ),
    ).toEqual({ n: 2 });
  });
});
