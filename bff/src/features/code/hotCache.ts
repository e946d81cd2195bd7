/**
 * The code page's in-process cache: sessions by token hash and code states by user id, for
 * a few seconds, dropped at once when the invalidation bus announces a change. A read that
 * overlapped an invalidation (the generation moved while it was fetching) is not cached,
 * so a process never keeps what was already out of date when it arrived.
 */
import { createLocalCache } from '../../cache/localCache';
import { usersOf, type Invalidation } from '../../cache/invalidationBus';
import type { Session } from '../../http/session';
import type { CodeState } from '../personState';

const MAX_ENTRIES = 200_000;

export function createHotCache(ttlSeconds: number) {
  const sessions = createLocalCache<Session>(ttlSeconds * 1000, MAX_ENTRIES);
  const states = createLocalCache<CodeState>(ttlSeconds * 1000, MAX_ENTRIES);
  let generation = 0;
  return {
    sessions,
    states,
    generation: () => generation,
    apply(m: Invalidation) {
      generation++;
      if (m.kind === 'session') sessions.delete(m.tokenHash);
      else for (const userId of usersOf(m)) states.delete(userId);
    },
    clearAll() {
      generation++;
      sessions.clear();
      states.clear();
    },
  };
}

export type HotCache = ReturnType<typeof createHotCache>;
