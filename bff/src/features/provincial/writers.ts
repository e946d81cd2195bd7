/**
 * The feed's writers: a batch's chunks are written `writers` at once, each in its own
 * transaction, while the reader goes on with the next chunk (ingest.ts). p-limit keeps the
 * queue and the count of writes running; this module adds what the feed needs around it:
 * - back-pressure: a hand-over resolves once a writer has taken the chunk, so the reader is at
 *   most one chunk ahead of the writers and memory stays flat however large the batch;
 * - the first failed write stops the batch: chunks not yet taken are not written, and the
 *   reader's next hand-over is refused with that error, which stops the reader;
 * - the batch's answer waits for every write begun: nothing is still being written once it goes.
 *
 * Why p-limit (a dependency, not the loop ingest.ts had): a small, well-kept FIFO limiter with
 * one dependency of its own, so the counting and waking is not ours to get right. p-map was
 * not chosen: it pulls chunks from an iterable while ours are pushed (by the request's thread or
 * by several worker threads), and on a failure it rejects while other writes still run. Node's
 * `Readable.prototype.map({ concurrency })` pulls too, and is experimental in Node 20.
 */
import pLimit from 'p-limit';

/** Hands a chunk to the writers: resolves once a writer has taken it, rejects if the batch has
 * failed (or ended). */
export type HandOver<T> = (chunk: T) => Promise<void>;

/** Runs `read`, which hands its chunks over, and writes them with `write`, `writers` at once.
 * Resolves with what `read` returns once every chunk is written; otherwise rejects, once no
 * write is running any more, with `read`'s error or else the first write's. */
export async function writeWhileReading<T, R>(writers: number, write: (chunk: T) => Promise<void>, read: (handOver: HandOver<T>) => Promise<R>): Promise<R> {
  const limit = pLimit(writers);
  const begun = new Set<Promise<void>>();
  // Set from the writes' callbacks (`as`: so the compiler does not narrow it to null here).
  let failed = null as { error: unknown } | null;
  let reading = true;

  const handOver: HandOver<T> = (chunk) =>
    new Promise<void>((taken, refused) => {
      // A reader still going after the batch ended (another worker thread's read failed first)
      // has its chunks refused: nothing is written after the answer.
      if (!reading) return refused(new Error('the batch has ended'));
      const task = limit(async () => {
        if (failed) return refused(failed.error);
        taken();
        try {
          await write(chunk);
        } catch (error) {
          failed ??= { error };
        }
      });
      begun.add(task);
      // `task` never rejects: a write's error is kept in `failed`.
      void task.then(() => begun.delete(task));
    });

  let result: R;
  try {
    result = await read(handOver);
  } finally {
    reading = false;
    await Promise.all([...begun]);
  }
  if (failed) throw failed.error;
  return result;
}
