/**
 * The live-update loop of the code page: long-polls for a change of the code state and
 * refetches the code the moment it changes, so a new provincial state or an authority mark
 * shows within a second. Backs off on errors; stops when the page hides. No Taro here: the
 * page passes the requests in, so the loop is tested on its own.
 */

export interface ChangeWatcherDeps {
  /** The version of the code on screen; null while there is none (nothing to wait on). */
  version: () => number | null;
  /** Waits for a change past `since`: true when changed, false when the poll timed out.
   * `onCancel` receives a function that ends the wait (the promise then rejects). */
  wait: (since: number, onCancel: (cancel: () => void) => void) => Promise<boolean>;
  /** Fetches the code again (and puts it on screen). */
  refetch: () => Promise<unknown>;
  /** Delay after the first failure; doubles on each further one up to maxBackoffMs. */
  backoffMs?: number;
  maxBackoffMs?: number;
  /** How often to look again while there is no version to wait on. */
  idleMs?: number;
}

export interface ChangeWatcher {
  start(): void;
  stop(): void;
  readonly running: boolean;
}

/** One run of the loop, from start to stop: what stop has to interrupt. */
interface Run {
  stopped: boolean;
  cancelWait: (() => void) | null;
  wake: (() => void) | null;
}

export function createChangeWatcher(d: ChangeWatcherDeps): ChangeWatcher {
  const backoffMs = d.backoffMs ?? 2000;
  const maxBackoffMs = d.maxBackoffMs ?? 15_000;
  const idleMs = d.idleMs ?? 3000;
  let current: Run | null = null;

  /** Resolves after `ms`, or at once when the run is stopped. */
  const sleep = (r: Run, ms: number) =>
    new Promise<void>((resolve) => {
      const timer = setTimeout(() => {
        r.wake = null;
        resolve();
      }, ms);
      r.wake = () => {
        clearTimeout(timer);
        r.wake = null;
        resolve();
      };
    });

  async function loop(r: Run) {
    let failures = 0;
    const backoff = () => {
      failures += 1;
      return sleep(r, Math.min(maxBackoffMs, backoffMs * 2 ** (failures - 1)));
    };
    while (!r.stopped) {
      const since = d.version();
      if (since === null) {
        await sleep(r, idleMs);
        continue;
      }
      let changed: boolean;
      try {
        changed = await d.wait(since, (cancel) => {
          r.cancelWait = cancel;
        });
      } catch {
        r.cancelWait = null;
        if (!r.stopped) await backoff();
        continue;
      }
      r.cancelWait = null;
      if (r.stopped) return;
      if (!changed) {
        failures = 0;
        continue;
      }
      try {
        await d.refetch();
      } catch {
        // The refetch reports its own errors; the version check below backs off.
      }
      if (r.stopped) return;
      // Still the same version (the refetch failed, or the change was not visible yet): do
      // not ask again at once, or a failing refetch would loop without pause.
      if (d.version() === since) await backoff();
      else failures = 0;
    }
  }

  return {
    start() {
      if (current) return;
      current = { stopped: false, cancelWait: null, wake: null };
      void loop(current);
    },
    stop() {
      const r = current;
      if (!r) return;
      current = null;
      r.stopped = true;
      r.cancelWait?.();
      r.cancelWait = null;
      r.wake?.();
    },
    get running() {
      return current !== null;
    },
  };
}
