/** Builds the big data set's rows off the main thread: one chunk per message (bigData.ts). */
import { parentPort } from 'node:worker_threads';
import { chunkRows } from './bigDataRows';

parentPort?.on('message', ({ from, to, venues, now }: { from: number; to: number; venues: number; now: number }) => {
  parentPort?.postMessage(chunkRows(from, to, venues, now));
});
