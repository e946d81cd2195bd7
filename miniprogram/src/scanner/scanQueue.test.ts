import { describe, expect, it } from 'vitest';
import { createFlusher, createScanQueue, outcomeOfStatus, type KeyValue, type QueuedScan, type SendOutcome } from './scanQueue';

function memory(limit = Infinity): KeyValue & { map: Map<string, string> } {
  const map = new Map<string, string>();
  return {
    map,
    get: (k) => map.get(k) ?? null,
    set: (k, v) => {
      if (!map.has(k) && map.size >= limit) throw new Error('storage full');
      map.set(k, v);
    },
    remove: (k) => void map.delete(k),
  };
}

const scan = (n: number): QueuedScan => ({
  venueId: '7',
  qr: `YM:TOKEN${n}`,
  scannedAt: new Date(Date.UTC(2026, 10, 22, 8, 0, n)).toISOString(),
  verifiedOffline: true,
});

/** A send whose answers the test gives in order. */
function scripted(answers: (SendOutcome | Error)[]) {
  const seen: QueuedScan[] = [];
  const send = async (s: QueuedScan) => {
    seen.push(s);
    const a = answers.shift() ?? 'sent';
    if (a instanceof Error) throw a;
    return a;
  };
  return { seen, send };
}

describe('offline scan queue', () => {
  it('when scans are queued, then they are kept in order and survive a new queue over the same storage (an app restart)', () => {
    const kv = memory();
    const q = createScanQueue(kv);
    q.add(scan(1));
    q.add(scan(2));
    q.add(scan(3));
    const again = createScanQueue(kv);
    expect(again.size()).toBe(3);
    expect(again.list().map((e) => e.scan)).toEqual([scan(1), scan(2), scan(3)]);
  });

  it('when the queue is flushed online, then each scan is sent exactly as queued and leaves the queue', async () => {
    const q = createScanQueue(memory());
    [1, 2, 3].forEach((n) => q.add(scan(n)));
    const { seen, send } = scripted([]);
    expect(await createFlusher(q, send).flush()).toEqual({ sent: 3, refused: 0, remaining: 0 });
    expect(seen).toEqual([scan(1), scan(2), scan(3)]);
    expect(q.list()).toEqual([]);
  });

  it('when the network fails mid-flush, then nothing from there on is dropped and the next flush resumes there', async () => {
    const q = createScanQueue(memory());
    [1, 2, 3, 4].forEach((n) => q.add(scan(n)));
    const first = scripted(['sent', 'retry']);
    expect(await createFlusher(q, first.send).flush()).toEqual({ sent: 1, refused: 0, remaining: 3 });
    expect(first.seen).toEqual([scan(1), scan(2)]);
    const thrown = scripted([new Error('boom')]);
    expect(await createFlusher(q, thrown.send).flush()).toEqual({ sent: 0, refused: 0, remaining: 3 });
    const later = scripted([]);
    expect(await createFlusher(q, later.send).flush()).toEqual({ sent: 3, refused: 0, remaining: 0 });
    expect(later.seen).toEqual([scan(2), scan(3), scan(4)]);
  });

  it('when the BFF refuses a scan for good, then it leaves the queue and the rest still go', async () => {
    const q = createScanQueue(memory());
    [1, 2].forEach((n) => q.add(scan(n)));
    const { send } = scripted(['refused', 'sent']);
    expect(await createFlusher(q, send).flush()).toEqual({ sent: 1, refused: 1, remaining: 0 });
  });

  it('when flush is called during a flush, then the scans are sent once', async () => {
    const q = createScanQueue(memory());
    [1, 2].forEach((n) => q.add(scan(n)));
    const seen: QueuedScan[] = [];
    let release!: () => void;
    const gate = new Promise<void>((r) => (release = r));
    const flusher = createFlusher(q, async (s) => {
      seen.push(s);
      await gate;
      return 'sent';
    });
    const a = flusher.flush();
    const b = flusher.flush();
    expect(flusher.running).toBe(true);
    release();
    expect(await a).toEqual(await b);
    expect(seen).toEqual([scan(1), scan(2)]);
    expect(flusher.running).toBe(false);
  });

  it('when a scan is queued during a flush, then it is kept and sent by the next flush', async () => {
    const q = createScanQueue(memory());
    q.add(scan(1));
    const flusher = createFlusher(q, async () => {
      q.add(scan(2));
      return 'sent';
    });
    await flusher.flush();
    expect(q.list().map((e) => e.scan)).toEqual([scan(2)]);
  });

  it('when the device cannot store another scan, then add throws and the queue is unchanged', () => {
    const kv = memory(3); // index + 2 entries
    const q = createScanQueue(kv);
    q.add(scan(1));
    q.add(scan(2));
    expect(() => q.add(scan(3))).toThrow('storage full');
    expect(q.list().map((e) => e.scan)).toEqual([scan(1), scan(2)]);
  });

  it('when stored data is corrupt, then unreadable entries are skipped and the rest kept', () => {
    const kv = memory();
    const q = createScanQueue(kv);
    q.add(scan(1));
    q.add(scan(2));
    kv.map.set('yima.scanner.queue.0', '{not json');
    expect(q.list().map((e) => e.scan)).toEqual([scan(2)]);
    kv.map.set('yima.scanner.queue.index', 'garbage');
    expect(q.size()).toBe(0);
  });

  it('when the BFF answers, then the status decides whether the scan is done or tried again', () => {
    expect(outcomeOfStatus(201)).toBe('sent');
    expect(outcomeOfStatus(0)).toBe('retry');
    expect(outcomeOfStatus(503)).toBe('retry');
    expect(outcomeOfStatus(429)).toBe('retry');
    expect(outcomeOfStatus(401)).toBe('retry');
    expect(outcomeOfStatus(400)).toBe('refused');
    expect(outcomeOfStatus(403)).toBe('refused');
  });
});
