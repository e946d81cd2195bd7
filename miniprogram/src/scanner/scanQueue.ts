/**
 * Scans verified offline wait on the device until the BFF has them (SPEC C7: every scan is a
 * visit record). Each waiting scan is its own storage entry, listed in an index, so the queue
 * is not bound by one key's size limit (Alipay: 200 KB) and adding one never rewrites the rest.
 * An entry leaves only when the BFF has answered it — recorded, or refused for good (a 4xx
 * other than 401/408/429); on no network, a 5xx, a 401 or a 429 it stays for the next flush.
 *
 * Pure over a small key-value interface: the page passes Taro's storage, tests a Map.
 */

/** Exactly the body `POST /api/scans` gets for a scan verified offline. */
export interface QueuedScan {
  venueId: string;
  qr: string;
  scannedAt: string;
  verifiedOffline: true;
  /** The upload's Idempotency-Key, made when queued and sent on every try (decision 0028), so
   * an upload whose answer was lost is not recorded twice. Absent in entries queued by older
   * versions. */
  idempotencyKey?: string;
}

export interface KeyValue {
  get(key: string): string | null;
  /** Throws when the device refuses (e.g. storage full). */
  set(key: string, value: string): void;
  remove(key: string): void;
}

interface Index {
  next: number;
  seqs: number[];
}

export function isQueuedScan(x: unknown): x is QueuedScan {
  const o = x as Partial<QueuedScan> | null;
  return (
    !!o &&
    typeof o.venueId === 'string' &&
    typeof o.qr === 'string' &&
    typeof o.scannedAt === 'string' &&
    o.verifiedOffline === true &&
    (o.idempotencyKey === undefined || typeof o.idempotencyKey === 'string')
  );
}

export interface ScanQueue {
  /** Stores a scan; throws when the device cannot store it (the caller must say so). */
  add(scan: QueuedScan): void;
  list(): { seq: number; scan: QueuedScan }[];
  remove(seq: number): void;
  size(): number;
}

export function createScanQueue(kv: KeyValue, prefix = 'yima.scanner.queue'): ScanQueue {
  const indexKey = `${prefix}.index`;
  const entryKey = (seq: number) => `${prefix}.${seq}`;

  function readIndex(): Index {
    try {
      const raw = kv.get(indexKey);
      const parsed = raw ? (JSON.parse(raw) as Partial<Index>) : null;
      if (parsed && Number.isInteger(parsed.next) && Array.isArray(parsed.seqs)) return { next: parsed.next!, seqs: parsed.seqs.filter(Number.isInteger) };
    } catch {
      // An unreadable index: start a new one; entries are written before the index names them.
    }
    return { next: 0, seqs: [] };
  }

  function read(seq: number): QueuedScan | null {
    try {
      const raw = kv.get(entryKey(seq));
      const parsed: unknown = raw ? JSON.parse(raw) : null;
      return isQueuedScan(parsed) ? parsed : null;
    } catch {
      return null;
    }
  }

  return {
    add(scan) {
      const index = readIndex();
      const seq = index.next;
      kv.set(
        entryKey(seq),
        JSON.stringify({ venueId: scan.venueId, qr: scan.qr, scannedAt: scan.scannedAt, verifiedOffline: true, idempotencyKey: scan.idempotencyKey }),
      );
      try {
        kv.set(indexKey, JSON.stringify({ next: seq + 1, seqs: [...index.seqs, seq] }));
      } catch (err) {
        kv.remove(entryKey(seq));
        throw err;
      }
    },
    list() {
      const out: { seq: number; scan: QueuedScan }[] = [];
      for (const seq of readIndex().seqs) {
        const scan = read(seq);
        if (scan) out.push({ seq, scan });
      }
      return out;
    },
    remove(seq) {
      const index = readIndex();
      kv.set(indexKey, JSON.stringify({ next: index.next, seqs: index.seqs.filter((s) => s !== seq) }));
      kv.remove(entryKey(seq));
    },
    size() {
      return readIndex().seqs.length;
    },
  };
}

/** What became of one upload: recorded, refused for good, or to try again later. */
export type SendOutcome = 'sent' | 'refused' | 'retry';

export interface FlushResult {
  sent: number;
  refused: number;
  remaining: number;
}

/**
 * Uploads the waiting scans oldest first, one at a time, and stops at the first that must be
 * tried again (the network is still down). One flush at a time: a call during a flush gets
 * that flush's result. Scans added during a flush are sent by the next one.
 */
export function createFlusher(queue: ScanQueue, send: (scan: QueuedScan) => Promise<SendOutcome>) {
  let running: Promise<FlushResult> | null = null;

  async function run(): Promise<FlushResult> {
    let sent = 0;
    let refused = 0;
    for (const { seq, scan } of queue.list()) {
      let outcome: SendOutcome;
      try {
        outcome = await send(scan);
      } catch {
        outcome = 'retry';
      }
      if (outcome === 'retry') break;
      queue.remove(seq);
      if (outcome === 'sent') sent += 1;
      else refused += 1;
    }
    return { sent, refused, remaining: queue.size() };
  }

  return {
    flush(): Promise<FlushResult> {
      if (!running) {
        running = run().finally(() => {
          running = null;
        });
      }
      return running;
    },
    get running() {
      return running !== null;
    },
  };
}

/** How an answer of `POST /api/scans` ends a queued scan: HTTP status, 0 for no network. */
export function outcomeOfStatus(status: number): SendOutcome {
  if (status >= 200 && status < 300) return 'sent';
  if (status === 0 || status >= 500 || status === 401 || status === 408 || status === 429) return 'retry';
  return 'refused';
}
