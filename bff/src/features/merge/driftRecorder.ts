/**
 * The code page found a person's merged colour differs from where their history ends — time
 * alone moved it (a check-in gone overdue, a mark expired, a first colour at registration).
 * Record it once, off the request's path: at most one settle per person in flight, and not
 * again within a cool-down, so a page refreshed by many devices writes one row.
 */
import type { Logger } from 'pino';
import type { PersonStates } from './personStates';

const COOL_DOWN_MS = 10_000;

export interface DriftRecorder {
  (idHashHex: string | null): void;
  /** Resolves once every settle started so far has ended (tests: no write lands later). */
  idle(): Promise<void>;
}

export function createDriftRecorder(states: PersonStates, logger: Logger): DriftRecorder {
  const recent = new Map<string, number>();
  const inFlight = new Set<Promise<void>>();
  const record = (idHashHex: string | null): void => {
    if (!idHashHex) return;
    const now = Date.now();
    const last = recent.get(idHashHex);
    if (last !== undefined && now - last < COOL_DOWN_MS) return;
    recent.set(idHashHex, now);
    if (recent.size > 10_000) for (const [k, t] of recent) if (now - t >= COOL_DOWN_MS) recent.delete(k);
    const settling = states
      .settle(Buffer.from(idHashHex, 'hex'), undefined)
      .then(() => undefined)
      .catch((err: Error) => {
        recent.delete(idHashHex);
        logger.warn({ reason: err.message }, 'could not record a colour change');
      })
      .finally(() => inFlight.delete(settling));
    inFlight.add(settling);
  };
  return Object.assign(record, { idle: async () => void (await Promise.all([...inFlight])) });
}
