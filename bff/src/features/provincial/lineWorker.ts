/**
 * Worker thread for large batches: reads and checks its byte range of the spooled file
 * (chunks.ts) and posts each chunk to the main thread, which writes it. Line numbers in its
 * answer count from the start of its range; the main thread makes them absolute. At most MAX_AHEAD chunks wait unwritten, so
 * memory stays flat however fast the reading is.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { blindIndexHexer } from '../../crypto/pii';
import { readChunks, type FeedChunk } from './chunks';

const MAX_AHEAD = 4;

interface Input {
  path: string;
  start: number;
  end: number;
  nowMs: number;
  rowsPerStatement: number;
  maxRejectedListed: number;
  indexKey: Uint8Array;
}

const input = workerData as Input;
const port = parentPort!;
let ahead = 0;
let wake: (() => void) | null = null;
port.on('message', (m: { type: 'written' }) => {
  if (m.type !== 'written') return;
  ahead--;
  wake?.();
  wake = null;
});

const hashHex = blindIndexHexer(Buffer.from(input.indexKey), 'id_number');
readChunks({
  path: input.path,
  start: input.start,
  end: input.end,
  now: new Date(input.nowMs),
  rowsPerStatement: input.rowsPerStatement,
  maxRejectedListed: input.maxRejectedListed,
  hashHex,
  onProgress: (lines) => port.postMessage({ type: 'progress', lines }),
  onChunk: async (chunk: FeedChunk) => {
    while (ahead >= MAX_AHEAD) await new Promise<void>((resolve) => (wake = resolve));
    ahead++;
    port.postMessage({ type: 'chunk', chunk });
  },
}).then(
  (result) => port.postMessage({ type: 'done', result }),
  (err: Error) => port.postMessage({ type: 'failed', message: err.message }),
);
