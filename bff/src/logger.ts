/**
 * pino. Personal data is kept out by construction rather than redaction: log calls take
 * fixed fields (ids, routes, statuses, error codes), request logs never see bodies, query
 * strings or headers (http/requestLog.ts), and tests read every log line for phones, ID
 * numbers, names and tokens. (pino's redaction would triple the cost of every line on the
 * hottest route; docs/decisions/0004-code-tokens-and-hot-path.md.)
 */
import pino, { type Logger } from 'pino';

/** Log lines are buffered (4 KiB) and written asynchronously: a write syscall per request
 * line costs as much as the request itself here. server.ts flushes on shutdown. `sync`: each
 * line written at once (a thread that logs rarely, whose lines must not wait in a buffer). */
export function createLogger(level: string, options: { sync?: boolean } = {}): Logger {
  const destination = options.sync ? pino.destination({ dest: 1, sync: true }) : pino.destination({ dest: 1, sync: false, minLength: 4096 });
  return pino(
    {
      level,
      base: { service: 'yima-bff' },
    },
    destination,
  );
}
