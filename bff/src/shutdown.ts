/**
 * Graceful shutdown on SIGTERM/SIGINT (issue 14, docs/decisions/0028):
 *
 * 1. readiness answers 503 `stopping` at once (a balancer polling /readyz stops sending us
 *    work) and every open long poll is answered `{changed:false}` — the app's normal "no change,
 *    ask again" answer, which makes it re-poll at once (at another process) instead of seeing
 *    a reset connection and backing off;
 * 2. the listener closes (no new connections); requests in flight finish; after a short
 *    grace, a keep-alive connection is closed as soon as it has no request in flight;
 * 3. once every connection is gone: the app's own work (visit drainer, statistics), then
 *    MariaDB and Redis are closed, a `stopped` line is logged, exit 0.
 *
 * Past `boundMs` the process exits 1 and says how many connections were still open: a
 * request that never ends must not keep a process alive that the orchestrator wants gone.
 */
import type { Server } from 'node:http';
import { Server as NetServer } from 'node:net';
import type { Logger } from 'pino';

export interface ShutdownDeps {
  server: Server;
  logger: Logger;
  /** Readiness to 503 and open long polls answered (app internals.beginShutdown). */
  beginShutdown(): void;
  /** Closes the app's background work and the stores, after the last connection ended. */
  close(): Promise<void>;
  boundMs?: number;
  /** process.exit, injectable for a test. */
  exit?: (code: number) => void;
}

export const SHUTDOWN_BOUND_MS = 10_000;
/** How often idle keep-alive connections are closed while draining: a connection whose last
 * request just finished becomes idle between two sweeps. */
const IDLE_SWEEP_MS = 100;
/** Idle keep-alive connections are left open this long first: a client that sends on one in
 * that time gets its answer with `Connection: close` instead of meeting a socket closed under
 * its request (the keep-alive race, which a client cannot tell from a lost request). */
export const IDLE_GRACE_MS = 1000;

export function installShutdown(d: ShutdownDeps): (signal: string) => void {
  const exit = d.exit ?? ((code: number) => process.exit(code));
  const boundMs = d.boundMs ?? SHUTDOWN_BOUND_MS;
  let stopping = false;
  let open = 0;
  d.server.on('connection', (socket) => {
    open += 1;
    socket.once('close', () => (open -= 1));
  });

  const stop = (signal: string) => {
    if (stopping) return;
    stopping = true;
    d.logger.info({ signal, openConnections: open }, 'draining');
    d.beginShutdown();
    const force = setTimeout(() => {
      d.logger.error({ openConnections: open, boundMs }, 'forced exit: requests still open after the shutdown bound');
      d.logger.flush();
      exit(1);
    }, boundMs);
    force.unref();
    // Answers sent from now on say `Connection: close`, so clients do not reuse the socket.
    d.server.on('request', (_req, res) => res.setHeader('Connection', 'close'));
    let sweep: NodeJS.Timeout | undefined;
    const grace = setTimeout(
      () => {
        d.server.closeIdleConnections();
        sweep = setInterval(() => d.server.closeIdleConnections(), IDLE_SWEEP_MS);
        sweep.unref();
      },
      Math.min(IDLE_GRACE_MS, boundMs / 4),
    );
    grace.unref();
    // net's close, not http's: http.Server#close also closes every idle connection at once
    // (Node ≥ 19), which is the race IDLE_GRACE_MS avoids. The listener closes now either way.
    NetServer.prototype.close.call(d.server, () => {
      clearTimeout(grace);
      clearInterval(sweep);
      void d
        .close()
        .catch((err: unknown) => d.logger.warn({ reason: err instanceof Error ? err.message : String(err) }, 'closing after drain failed'))
        .then(() => {
          clearTimeout(force);
          d.logger.info('stopped');
          d.logger.flush();
          exit(0);
        });
    });
  };
  process.on('SIGTERM', () => stop('SIGTERM'));
  process.on('SIGINT', () => stop('SIGINT'));
  return stop;
}
