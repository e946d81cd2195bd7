/**
 * Worker threads that run TypeScript modules of the BFF. The BFF runs through tsx, and a worker
 * does not inherit the loader: every thread starts from one boot file (boot.mjs) that registers
 * tsx and then imports the module named here. The provincial feed's reader threads and the
 * visit drainer's thread start this way.
 */
import { Worker, type WorkerOptions } from 'node:worker_threads';

const BOOT = new URL('./boot.mjs', import.meta.url);

/** Starts `entry` (a `.ts` module's URL) in a new worker thread. No `execArgv` of the parent's
 * (profiling and inspector flags stay on the main thread); `workerData` as given. */
export function startTsWorker(entry: URL, options: Pick<WorkerOptions, 'workerData'> = {}): Worker {
  return new Worker(BOOT, { ...options, execArgv: [], argv: [entry.href] });
}
