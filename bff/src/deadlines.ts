/**
 * A store that did not answer within its deadline (docs/decisions/0027). A stalled MariaDB or
 * Redis (SIGSTOP, a full disk, a network that drops packets without a reset) keeps its sockets
 * open, so nothing fails by itself: every request would wait for as long as the stall lasts.
 * The deadline turns that into a fast 503 `DEPENDENCY_TIMEOUT` the client may retry.
 */
export class DependencyTimeout extends Error {
  readonly code = 'DEPENDENCY_TIMEOUT';
  constructor(
    readonly dependency: 'mysql' | 'redis',
    /** What was waited for: a pooled connection, or a query's answer. */
    readonly phase: 'acquire' | 'query',
    readonly deadlineMs: number,
  ) {
    super(`${dependency}: no ${phase === 'acquire' ? 'connection' : 'answer'} within ${deadlineMs} ms`);
  }
}

/** Ours, or ioredis's `commandTimeout` rejection (a plain Error with this message). */
export function isDependencyTimeout(err: unknown): boolean {
  if (err instanceof DependencyTimeout) return true;
  return err instanceof Error && err.message === 'Command timed out';
}
