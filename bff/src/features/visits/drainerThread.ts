/**
 * Runs this process's visit drainer in a worker thread (drainerWorker.ts; VISIT_DRAINER=thread,
 * the default; decision 0032). Measured under a scan load, the drainer on the request thread
 * was ~12 % of a scan's CPU there; in a thread of its own it runs beside the event loop that
 * answers. Nothing else changes: the same consumer-group drainer, the same streams, the same
 * at-least-once writes. A thread that dies is started again, after a pause that doubles while
 * it keeps dying (as cluster.ts does for workers), under the same consumer name: the new thread
 * reads the entries the dead one had taken at once instead of after VISIT_CLAIM_IDLE_MS.
 */
import { hostname } from 'node:os';
import { randomBytes } from 'node:crypto';
import type { Worker } from 'node:worker_threads';
import { startTsWorker } from '../../workers/tsWorker';
import type { Logger } from 'pino';

/** What the thread needs to open its own connections and drain (plain data: it is cloned). */
export interface DrainerSettings {
  mysqlUrl: string;
  /** The thread's own pool: one connection per stream it drains, at most the process's pool. */
  mysqlPoolSize: number;
  mysqlQueryTimeoutMs: number;
  mysqlJobTimeoutMs: number;
  redisUrl: string;
  redisClusterNodes: { host: string; port: number }[];
  redisCommandTimeoutMs: number;
  logLevel: string;
  claimIdleMs: number;
  streamShards: number;
  /** The consumer name in the streams' group, kept by every thread this process starts. */
  consumer?: string;
}

const FIRST_RESTART_MS = 1000;
const MAX_RESTART_MS = 30_000;
/** A thread that ran this long before dying starts the pauses over. */
const STABLE_MS = 60_000;
/** How long stop() waits for the thread to finish its batch and close its connections. */
const STOP_WAIT_MS = 5000;

export interface DrainerThread {
  stop(): Promise<void>;
}

export function startDrainerThread(settings: DrainerSettings, logger: Logger): DrainerThread {
  const workerData: DrainerSettings = { ...settings, consumer: settings.consumer ?? `${hostname()}-${process.pid}-${randomBytes(3).toString('hex')}` };
  let stopping = false;
  let worker: Worker | null = null;
  let restartTimer: NodeJS.Timeout | null = null;
  let pause = FIRST_RESTART_MS;

  function spawn(): void {
    restartTimer = null;
    const startedAt = Date.now();
    const current = startTsWorker(new URL('./drainerWorker.ts', import.meta.url), { workerData });
    worker = current;
    current.on('error', (err) => logger.error({ reason: err.message }, 'visit drainer thread failed'));
    current.on('exit', (code) => {
      if (worker === current) worker = null;
      if (stopping) return;
      pause = Date.now() - startedAt > STABLE_MS ? FIRST_RESTART_MS : pause;
      logger.error({ code, restartInMs: pause }, 'visit drainer thread stopped: starting it again');
      restartTimer = setTimeout(spawn, pause);
      restartTimer.unref();
      pause = Math.min(pause * 2, MAX_RESTART_MS);
    });
  }
  spawn();

  return {
    async stop() {
      stopping = true;
      if (restartTimer) clearTimeout(restartTimer);
      restartTimer = null;
      const current = worker;
      if (!current) return; // never restarted after dying, or stopped before
      worker = null;
      const stopped = new Promise<void>((resolve) => {
        current.on('message', (m: { type: string }) => m.type === 'stopped' && resolve());
        current.once('exit', () => resolve());
      });
      current.postMessage({ type: 'stop' });
      let timer: NodeJS.Timeout | undefined;
      await Promise.race([stopped, new Promise<void>((resolve) => (timer = setTimeout(resolve, STOP_WAIT_MS)))]);
      clearTimeout(timer);
      await current.terminate();
    },
  };
}
