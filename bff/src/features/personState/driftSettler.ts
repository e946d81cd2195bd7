/**
 * Colours that move with time alone — a check-in gone overdue, a mark expired, a first colour
 * at registration — have no writer to settle them. A reader of a colour (the code page, a
 * relative's code) only *notices* that the merged colour differs from where the history ends:
 * in memory, no I/O, so a GET changes nothing. This settler, part of the app's background
 * work (started by `internals.start()`), records it soon after: at most one settle per person
 * in flight, and not again within a cool-down, so a page refreshed by many devices writes one
 * row. The history still holds every colour a resident was shown (decision 0005).
 */
import type { Logger } from 'pino';
import type { PersonStates } from './personStates';

const COOL_DOWN_MS = 10_000;
const EVERY_MS = 50;
/** Noticed people waiting for the settler, at most (a backlog beyond it is noticed again). */
const MAX_PENDING = 10_000;

export interface DriftSettler {
  /** A reader saw this person's colour drift from their history (hex ID-number hash). */
  notice(idHashHex: string | null): void;
  start(): void;
  stop(): Promise<void>;
  /** Settles everything noticed so far; resolves when every settle has ended (tests). */
  idle(): Promise<void>;
}

export function createDriftSettler(states: Pick<PersonStates, 'settle'>, logger: Logger): DriftSettler {
  const recent = new Map<string, number>();
  const pending = new Set<string>();
  const inFlight = new Set<Promise<void>>();
  let timer: NodeJS.Timeout | undefined;

  function flush(): void {
    for (const idHashHex of pending) {
      pending.delete(idHashHex);
      const settling = states
        .settle(Buffer.from(idHashHex, 'hex'), undefined)
        .then(() => undefined)
        .catch((err: Error) => {
          recent.delete(idHashHex);
          logger.warn({ reason: err.message }, 'could not record a colour change');
        })
        .finally(() => inFlight.delete(settling));
      inFlight.add(settling);
    }
  }

  return {
    notice(idHashHex) {
      if (!idHashHex || pending.size >= MAX_PENDING) return;
      const now = Date.now();
      const last = recent.get(idHashHex);
      if (last !== undefined && now - last < COOL_DOWN_MS) return;
      recent.set(idHashHex, now);
      if (recent.size > 10_000) for (const [k, t] of recent) if (now - t >= COOL_DOWN_MS) recent.delete(k);
      pending.add(idHashHex);
    },
    start() {
      timer ??= setInterval(flush, EVERY_MS).unref();
    },
    async stop() {
      clearInterval(timer);
      timer = undefined;
      await Promise.all([...inFlight]);
    },
    async idle() {
      flush();
      await Promise.all([...inFlight]);
    },
  };
}
