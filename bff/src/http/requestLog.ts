/**
 * One log line per request: id, method, matched route template (not the raw URL, which may
 * carry a phone in its query), status and duration. No bodies, no headers.
 */
import { randomBytes } from 'node:crypto';
import type { Middleware } from 'koa';
import type { Logger } from 'pino';

export function requestLog(logger: Logger): Middleware {
  // Request ids: a random prefix per process and a counter. Unique across processes and
  // restarts in practice, and far cheaper than a UUID per request on the hottest route.
  const prefix = randomBytes(6).toString('base64url');
  let counter = 0;
  return async (ctx, next) => {
    const started = process.hrtime.bigint();
    ctx.state.reqId = `${prefix}-${(counter++).toString(36)}`;
    ctx.set('X-Request-Id', ctx.state.reqId);
    try {
      await next();
    } finally {
      const ms = Number(process.hrtime.bigint() - started) / 1e6;
      const route = (ctx as { _matchedRoute?: string })._matchedRoute ?? (ctx.path.startsWith('/api') ? 'unmatched' : 'static');
      logger.info({ reqId: ctx.state.reqId, method: ctx.method, route, status: ctx.status, ms: Math.round(ms * 10) / 10 }, 'request');
    }
  };
}
