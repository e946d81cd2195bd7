import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { createChangeWatcher } from './changeWatcher';

/** A fake long poll: each call waits until the test answers it. */
function fakePoll() {
  const calls: { since: number; answer: (changed: boolean) => void; fail: () => void; cancelled: boolean }[] = [];
  const wait = (since: number, onCancel: (cancel: () => void) => void) =>
    new Promise<boolean>((resolve, reject) => {
      const call = { since, answer: resolve, fail: () => reject(new Error('network')), cancelled: false };
      onCancel(() => {
        call.cancelled = true;
        reject(new Error('aborted'));
      });
      calls.push(call);
    });
  return { calls, wait };
}

const flush = () => vi.advanceTimersByTimeAsync(0);

describe('the code page change watcher', () => {
  beforeEach(() => vi.useFakeTimers());
  afterEach(() => vi.useRealTimers());

  it('when the state changes, then it refetches at once and waits again on the new version', async () => {
    let version = 3;
    const poll = fakePoll();
    const refetch = vi.fn(async () => void (version = 4));
    const w = createChangeWatcher({ version: () => version, wait: poll.wait, refetch });
    w.start();
    await flush();
    expect(poll.calls.map((c) => c.since)).toEqual([3]);
    poll.calls[0].answer(true);
    await flush();
    expect(refetch).toHaveBeenCalledTimes(1);
    expect(poll.calls.map((c) => c.since)).toEqual([3, 4]);
    poll.calls[1].answer(false); // the 25 s poll ended without a change: ask again, no refetch
    await flush();
    expect(refetch).toHaveBeenCalledTimes(1);
    expect(poll.calls.map((c) => c.since)).toEqual([3, 4, 4]);
    w.stop();
  });

  it('when polls fail, then it backs off for longer each time, and resets after a success', async () => {
    const poll = fakePoll();
    const w = createChangeWatcher({ version: () => 1, wait: poll.wait, refetch: async () => undefined, backoffMs: 2000, maxBackoffMs: 5000 });
    w.start();
    await flush();
    poll.calls[0].fail();
    await vi.advanceTimersByTimeAsync(1999);
    expect(poll.calls).toHaveLength(1);
    await vi.advanceTimersByTimeAsync(1);
    expect(poll.calls).toHaveLength(2);
    poll.calls[1].fail();
    await vi.advanceTimersByTimeAsync(3999);
    expect(poll.calls).toHaveLength(2);
    await vi.advanceTimersByTimeAsync(1);
    expect(poll.calls).toHaveLength(3);
    poll.calls[2].fail();
    await vi.advanceTimersByTimeAsync(5000); // capped
    expect(poll.calls).toHaveLength(4);
    poll.calls[3].answer(false);
    await flush();
    poll.calls[4].fail();
    await vi.advanceTimersByTimeAsync(2000);
    expect(poll.calls).toHaveLength(6);
    w.stop();
  });

  it('when a refetch does not bring a new version, then it pauses before asking again', async () => {
    const poll = fakePoll();
    const refetch = vi.fn(async () => undefined);
    const w = createChangeWatcher({ version: () => 7, wait: poll.wait, refetch, backoffMs: 1000 });
    w.start();
    await flush();
    poll.calls[0].answer(true);
    await flush();
    expect(poll.calls).toHaveLength(1);
    await vi.advanceTimersByTimeAsync(1000);
    expect(poll.calls).toHaveLength(2);
    w.stop();
  });

  it('when stopped, then the open poll is cancelled and nothing more is asked, and start resumes', async () => {
    const poll = fakePoll();
    const refetch = vi.fn(async () => undefined);
    const w = createChangeWatcher({ version: () => 1, wait: poll.wait, refetch });
    w.start();
    await flush();
    w.stop();
    expect(poll.calls[0].cancelled).toBe(true);
    expect(w.running).toBe(false);
    await vi.advanceTimersByTimeAsync(60_000);
    expect(poll.calls).toHaveLength(1);
    expect(refetch).not.toHaveBeenCalled();
    w.start();
    w.stop();
    w.start();
    await flush();
    expect(poll.calls.filter((c) => !c.cancelled)).toHaveLength(1);
    w.stop();
    expect(poll.calls.every((c) => c.cancelled)).toBe(true);
  });

  it('when there is no code yet, then it does not poll until there is a version', async () => {
    let version: number | null = null;
    const poll = fakePoll();
    const w = createChangeWatcher({ version: () => version, wait: poll.wait, refetch: async () => undefined, idleMs: 500 });
    w.start();
    await vi.advanceTimersByTimeAsync(2000);
    expect(poll.calls).toHaveLength(0);
    version = 2;
    await vi.advanceTimersByTimeAsync(500);
    expect(poll.calls.map((c) => c.since)).toEqual([2]);
    w.stop();
  });
});
