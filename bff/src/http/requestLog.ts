/**
 * Request log lines: id, method, matched route template (not the raw URL, which may carry a
 * phone in its query), status and duration. No bodies, no headers. Every failed (≥ 400) or
 * slow (≥ 500 ms) request is logged; of the others a sample (`sampleRate`, REQUEST_LOG_SAMPLE):
 * a line costs ~15 µs of CPU, more than a quarter of a cached code request, and the load
 * balancer keeps the full access log (docs/decisions/0004-code-tokens-and-hot-path.md).
 */
import { randomBytes } from 'node:crypto';
import type { Middleware } from 'koa';
import type { Logger } from 'pino';

const SLOW_MS = 500;

export function requestLog(logger: Logger, sampleRate = 1): Middleware {
  // Request ids: a random prefix per process and a counter. Unique across processes and
  // restarts in practice, and far cheaper than a UUID per request on the hottest route.
  const prefix = randomBytes(6).toString('base64url');
  let counter = 0;
  return async (ctx, next) => {
    const started = process.hrtime.bigint();
    ctx.state.reqId = `${prefix}-${(counter++).toString(36)}`;
    try {
      await next();
    } finally {
      const ms = Number(process.hrtime.bigint() - started) / 1e6;
      if (ctx.status >= 400 || ms >= SLOW_MS || Math.random() < sampleRate) {
        // The id goes to the client only with a logged request: it is for finding that line.
        ctx.set('X-Request-Id', ctx.state.reqId);
        const route = (ctx as { _matchedRoute?: string })._matchedRoute ?? (ctx.path.startsWith('/api') ? 'unmatched' : 'static');
        logger.info({ reqId: ctx.state.reqId, method: ctx.method, route, status: ctx.status, ms: Math.round(ms * 10) / 10 }, 'request');
      }
    }
  };
}
