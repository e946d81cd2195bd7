/**
 * Long-poll waiters for GET /api/me/code/changes: an open code page waits here and is woken
 * when the invalidation bus says that user's code state changed (a provincial delta, a mark,
 * a check-in on another device), so a change shows within a second without polling the
 * busiest route every second. Works unchanged in WeChat, Alipay and H5 (plain requests).
 */
export function createChangeWaiters(maxPerUser = 4) {
  const waiting = new Map<string, Set<(changed: boolean) => void>>();
  /** Set by releaseAll (shutdown): new waits end at once too. */
  let released = false;

  return {
    /** Resolves true when woken, false after `ms` or when `abort` fires. */
    wait(userId: string, ms: number, abort: AbortSignal): Promise<boolean> {
      return new Promise((resolve) => {
        let set = waiting.get(userId);
        if (!set) waiting.set(userId, (set = new Set()));
        if (released || set.size >= maxPerUser) return resolve(false);
        const done = (changed: boolean) => {
          clearTimeout(timer);
          abort.removeEventListener('abort', onAbort);
          set.delete(done);
          if (!set.size) waiting.delete(userId);
          resolve(changed);
        };
        const onAbort = () => done(false);
        const timer = setTimeout(() => done(false), ms);
        abort.addEventListener('abort', onAbort);
        set.add(done);
      });
    },
    wake(userId: string) {
      for (const done of [...(waiting.get(userId) ?? [])]) done(true);
    },
    /** After a lost subscription nothing is known: everyone re-reads. */
    wakeAll() {
      for (const set of [...waiting.values()]) for (const done of [...set]) done(true);
    },
    /** Shutdown (shutdown.ts): every open poll, and every later one, ends `{changed:false}` —
     * the normal "no change, ask again" answer, so the app re-polls (at another process)
     * instead of meeting a reset connection. */
    releaseAll() {
      released = true;
      for (const set of [...waiting.values()]) for (const done of [...set]) done(false);
    },
    size: () => waiting.size,
  };
}

export type ChangeWaiters = ReturnType<typeof createChangeWaiters>;
