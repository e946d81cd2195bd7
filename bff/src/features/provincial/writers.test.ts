import { describe, expect, it } from 'vitest';
import { writeWhileReading } from './writers';

const tick = () => new Promise((resolve) => setTimeout(resolve, 1));

/** Writes that finish when the test says so, recording what runs at once. */
function controlledWrites() {
  const running = new Set<number>();
  const finishers = new Map<number, { ok: () => void; fail: (err: Error) => void }>();
  const started: number[] = [];
  let most = 0;
  const write = (chunk: number) =>
    new Promise<void>((ok, fail) => {
      started.push(chunk);
      running.add(chunk);
      most = Math.max(most, running.size);
      const done = () => running.delete(chunk);
      finishers.set(chunk, {
        ok: () => (done(), ok()),
        fail: (err) => (done(), fail(err)),
      });
    });
  return {
    write,
    running,
    started,
    finish: (chunk: number) => finishers.get(chunk)!.ok(),
    fail: (chunk: number, err: Error) => finishers.get(chunk)!.fail(err),
    most: () => most,
  };
}

describe('writing chunks while the batch is read', () => {
  it('when chunks are handed over, then at most `writers` are written at once, in order, and the reader waits for a free writer', async () => {
    const w = controlledWrites();
    let handedOver = 0;
    const reading = writeWhileReading(2, w.write, async (handOver) => {
      for (let chunk = 1; chunk <= 5; chunk++) {
        await handOver(chunk);
        handedOver = chunk;
      }
      return 'read';
    });
    await tick();
    // Two writing, the third waiting for a writer: the reader is one chunk ahead, no more.
    expect(w.started).toEqual([1, 2]);
    expect(handedOver).toBe(2);
    w.finish(1);
    await tick();
    expect(w.started).toEqual([1, 2, 3]);
    expect(handedOver).toBe(3);
    for (const chunk of [2, 3, 4]) {
      w.finish(chunk);
      await tick();
    }
    let answered = false;
    void reading.then(() => (answered = true));
    await tick();
    // Everything read, but chunk 5 is still being written: no answer yet.
    expect(handedOver).toBe(5);
    expect(answered).toBe(false);
    w.finish(5);
    expect(await reading).toBe('read');
    expect(w.started).toEqual([1, 2, 3, 4, 5]);
    expect(w.most()).toBe(2);
  });

  it('when a write fails, then no later chunk is written, the reader is refused with that error, and the answer waits for the writes still running', async () => {
    const w = controlledWrites();
    const broken = new Error('database down');
    let readerSaw: unknown = null;
    const reading = writeWhileReading(2, w.write, async (handOver) => {
      try {
        for (let chunk = 1; chunk <= 5; chunk++) await handOver(chunk);
      } catch (err) {
        readerSaw = err;
        throw err;
      }
    });
    let outcome: unknown = 'pending';
    reading.catch((err: unknown) => (outcome = err));
    await tick();
    w.fail(1, broken);
    await tick();
    expect(readerSaw).toBe(broken);
    // Chunk 2 was taken before the failure: it is still written, and the answer waits for it.
    expect(w.running).toEqual(new Set([2]));
    expect(outcome).toBe('pending');
    w.finish(2);
    await tick();
    expect(outcome).toBe(broken);
    expect(w.started).toEqual([1, 2]);
  });

  it('when a write fails after the last chunk was handed over, then the batch fails with it', async () => {
    const broken = new Error('lost the connection');
    const reading = writeWhileReading(
      3,
      async (chunk: number) => {
        if (chunk === 2) throw broken;
      },
      async (handOver) => {
        for (let chunk = 1; chunk <= 3; chunk++) await handOver(chunk);
        return 'read';
      },
    );
    await expect(reading).rejects.toBe(broken);
  });

  it('when the reader fails, then its error is the answer, once the writes begun are done; a chunk handed over later is refused', async () => {
    const w = controlledWrites();
    let lateHandOver: ((chunk: number) => Promise<void>) | null = null;
    const reading = writeWhileReading(2, w.write, async (handOver) => {
      lateHandOver = handOver;
      await handOver(1);
      throw new Error('unreadable spool file');
    });
    let outcome: unknown = 'pending';
    reading.catch((err: unknown) => (outcome = (err as Error).message));
    await tick();
    expect(outcome).toBe('pending');
    w.finish(1);
    await tick();
    expect(outcome).toBe('unreadable spool file');
    await expect(lateHandOver!(9)).rejects.toThrow('the batch has ended');
    expect(w.started).toEqual([1]);
  });
});
