/**
 * Runs this process's visit drainer in a worker thread (drainerWorker.ts; VISIT_DRAINER=thread,
 * the default; decision 0032). Measured under a scan load, the drainer on the request thread
 * was ~12 % of a scan's CPU there; in a thread of its own it runs beside the event loop that
 * answers. Nothing else changes: the same consumer-group drainer, the same streams, the same
 * at-least-once writes. A thread that dies is started again (after a pause), as a process
 * would be by its supervisor; its claimed entries are pending to a consumer that no longer
 * reads, and are taken over after VISIT_CLAIM_IDLE_MS as a dead process's are.
 */
import { Worker } from 'node:worker_threads';
import type { Logger } from 'pino';

/** What the thread needs to open its own connections and drain (plain data: it is cloned). */
export interface DrainerSettings {
  mysqlUrl: string;
  mysqlQueryTimeoutMs: number;
  mysqlJobTimeoutMs: number;
  redisUrl: string;
  redisClusterNodes: { host: string; port: number }[];
  redisCommandTimeoutMs: number;
  logLevel: string;
  claimIdleMs: number;
  streamShards: number;
}

const RESTART_AFTER_MS = 1000;
/** How long stop() waits for the thread to finish its batch and close its connections. */
const STOP_WAIT_MS = 5000;

export interface DrainerThread {
  /** Resolves once the thread has started its drainers (or reported that it could not). */
  started: Promise<void>;
  stop(): Promise<void>;
}

export function startDrainerThread(settings: DrainerSettings, logger: Logger): DrainerThread {
  let stopping = false;
  let worker: Worker;
  let markStarted: () => void;
  const started = new Promise<void>((resolve) => (markStarted = resolve));

  function spawn(): void {
    worker = new Worker(new URL('./drainerWorker.boot.mjs', import.meta.url), { execArgv: [], workerData: settings });
    worker.on('message', (m: { type: string }) => {
      if (m.type === 'started') markStarted();
    });
    worker.on('error', (err) => logger.error({ reason: err.message }, 'visit drainer thread failed'));
    worker.on('exit', (code) => {
      if (stopping) return;
      logger.error({ code }, 'visit drainer thread stopped: starting it again');
      setTimeout(() => {
        if (!stopping) spawn();
      }, RESTART_AFTER_MS).unref();
    });
  }
  spawn();

  return {
    started,
    async stop() {
      stopping = true;
      const current = worker;
      const stopped = new Promise<void>((resolve) => {
        current.on('message', (m: { type: string }) => m.type === 'stopped' && resolve());
        current.once('exit', () => resolve());
      });
      current.postMessage({ type: 'stop' });
      const timer = new Promise<void>((resolve) => setTimeout(resolve, STOP_WAIT_MS).unref());
      await Promise.race([stopped, timer]);
      await current.terminate();
    },
  };
}
