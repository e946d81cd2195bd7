/**
 * The node:cluster primary for BFF_WORKERS > 1 (docs/decisions/0029-several-processes.md).
 * It serves nothing itself: server.ts has migrated the database before calling it, so the
 * workers it forks (server.ts again, as cluster workers) only connect and listen; the
 * primary hands each new connection to a worker (round-robin on Linux).
 *
 * A worker that dies is forked again after a pause that doubles with each quick death
 * (a worker that cannot start must not spin the CPU), reset once a worker has lived a while.
 * SIGTERM/SIGINT are passed on to every worker (each drains itself, server.ts); the primary
 * exits once they all have, with 0 only if they all exited 0.
 */
import cluster, { type Worker } from 'node:cluster';
import type { Logger } from 'pino';

const FIRST_PAUSE_MS = 500;
const MAX_PAUSE_MS = 30_000;
/** A worker that lived this long was not crash-looping: the next restart waits the least. */
const HEALTHY_AFTER_MS = 60_000;

export function runPrimary(workers: number, logger: Logger): void {
  let stopping: string | null = null;
  let pauseMs = FIRST_PAUSE_MS;
  let failed = false;
  const startedAt = new Map<Worker, number>();

  const fork = () => {
    const worker = cluster.fork();
    startedAt.set(worker, Date.now());
  };

  cluster.on('exit', (worker, code, signal) => {
    const lived = Date.now() - (startedAt.get(worker) ?? Date.now());
    startedAt.delete(worker);
    if (stopping) {
      if (code !== 0) failed = true;
      if (startedAt.size === 0) {
        logger.info({ signal: stopping, failed }, 'all workers stopped');
        logger.flush();
        process.exit(failed ? 1 : 0);
      }
      return;
    }
    if (lived >= HEALTHY_AFTER_MS) pauseMs = FIRST_PAUSE_MS;
    logger.warn({ worker: worker.process.pid, code, signal, livedMs: lived, restartInMs: pauseMs }, 'worker died; starting another');
    logger.flush();
    setTimeout(() => {
      if (!stopping) fork();
    }, pauseMs);
    pauseMs = Math.min(pauseMs * 2, MAX_PAUSE_MS);
  });

  const stop = (signal: NodeJS.Signals) => {
    if (stopping) return;
    stopping = signal;
    logger.info({ signal, workers: startedAt.size }, 'stopping workers');
    if (startedAt.size === 0) process.exit(0);
    for (const worker of startedAt.keys()) worker.process.kill(signal);
  };
  process.on('SIGTERM', () => stop('SIGTERM'));
  process.on('SIGINT', () => stop('SIGINT'));

  logger.info({ workers, pid: process.pid }, 'yima BFF primary forking workers');
  for (let i = 0; i < workers; i++) fork();
}

/** Which worker answered, for the tests that must reach both (test/integration/clusterWorkers):
 * the worker's pid, which the test may also kill. Only with YIMA_DEV=1 and only in a worker:
 * production answers do not describe the machine. */
export function workerHeader(dev: boolean): Record<string, string> | undefined {
  return dev && cluster.isWorker ? { 'X-Yima-Worker': String(process.pid) } : undefined;
}
