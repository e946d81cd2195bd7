/**
 * `Expect: 100-continue` (RFC 9110 §10.1.1): a client that sends it waits for "100 Continue"
 * before it sends the body. Node answers it by itself, before the app has seen the request,
 * unless the server listens for 'checkContinue'; then the app decides. Every route says
 * continue at once, as Node would, except those that take a body only after checking the
 * headers (the provincial feed): a sender refused there never sends its body at all.
 */
import { createServer, type Server } from 'node:http';
import type Koa from 'koa';
import type { Context, Middleware } from 'koa';

/** An HTTP server for the app that leaves `Expect: 100-continue` to it. `headers` go on every
 * answer before the app sees the request (the cluster worker's id in dev, cluster.ts). */
export function httpServer(app: Koa, headers?: Record<string, string>): Server {
  const callback = app.callback();
  const entries = Object.entries(headers ?? {});
  const handle: typeof callback = entries.length
    ? (req, res) => {
        for (const [name, value] of entries) res.setHeader(name, value);
        return callback(req, res);
      }
    : callback;
  const server = createServer(handle);
  server.on('checkContinue', handle);
  return server;
}

/** Tells a client waiting for it to send its body (no-op for any other request). */
export function sendContinue(ctx: Context): void {
  if (ctx.get('expect').toLowerCase() === '100-continue' && !ctx.res.headersSent) ctx.res.writeContinue();
}

/** Continues at once on every path but `deferred`, whose routes call sendContinue themselves. */
export function continueAtOnce(deferred: ReadonlySet<string>): Middleware {
  return (ctx, next) => {
    if (!deferred.has(ctx.path)) sendContinue(ctx);
    return next();
  };
}
