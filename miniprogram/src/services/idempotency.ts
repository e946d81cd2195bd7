/**
 * Idempotency keys for the requests that record a visit (decision 0028): one UUID per user
 * action, sent again on every retry of that action, so a request whose answer was lost (a
 * reset, a timeout, a BFF shutting down) is not recorded twice.
 */
import { ApiError } from './apiError';

/** A version-4 UUID. `crypto.getRandomValues` where the platform has it (H5, newer base
 * libraries); otherwise Math.random — the key only has to differ from this account's other
 * keys within a day, it guards nothing secret. */
export function newIdempotencyKey(): string {
  const bytes = new Uint8Array(16);
  const c = (globalThis as { crypto?: { getRandomValues?: (a: Uint8Array) => Uint8Array } }).crypto;
  if (c?.getRandomValues) c.getRandomValues(bytes);
  else for (let i = 0; i < 16; i++) bytes[i] = Math.floor(Math.random() * 256);
  bytes[6] = (bytes[6] & 0x0f) | 0x40;
  bytes[8] = (bytes[8] & 0x3f) | 0x80;
  const hex = [...bytes].map((b) => b.toString(16).padStart(2, '0')).join('');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

/** Failures after which the request may or may not have been recorded: retry with the same
 * key (and body). Anything else was a clear answer. */
export function outcomeUnknown(err: unknown): boolean {
  return err instanceof ApiError && (err.code === 'NETWORK' || err.status >= 500 || err.code === 'REQUEST_IN_PROGRESS');
}

/** Runs `send` until it succeeds or fails clearly, at most `attempts` times, waiting a little
 * between tries: the same key goes with each, so at most one visit is recorded. */
export async function withRetries<T>(send: () => Promise<T>, attempts = 3, delayMs = 1000): Promise<T> {
  for (let i = 1; ; i++) {
    try {
      return await send();
    } catch (err) {
      if (i >= attempts || !outcomeUnknown(err)) throw err;
      await new Promise((resolve) => setTimeout(resolve, delayMs));
    }
  }
}
