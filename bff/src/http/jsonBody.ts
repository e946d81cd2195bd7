/**
 * JSON bodies for POST/PUT/PATCH/DELETE: @koa/bodyparser (co-body) with a small limit, strict JSON
 * (an object or array at the top). A body of another type is refused with 415 rather than
 * silently read as empty.
 */
import { bodyParser } from '@koa/bodyparser';
import type { Middleware } from 'koa';
import { AppError } from './errors';

const WITH_BODY = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

/** `rawPaths`: routes that read their own body as a stream (the provincial NDJSON feed). */
export function jsonBody(limit = '16kb', rawPaths: ReadonlySet<string> = new Set()): Middleware {
  const parse = bodyParser({ parsedMethods: [...WITH_BODY], enableTypes: ['json'], jsonLimit: limit, encoding: 'utf-8', jsonStrict: true });
  return async (ctx, next) => {
    // GETs (most traffic, the code page) skip the parser altogether.
    if (!WITH_BODY.has(ctx.method) || rawPaths.has(ctx.path)) return next();
    // Most DELETEs carry no body (a browser sends no Content-Length then, whatever the
    // Content-Type): nothing to parse. A DELETE with a body (lifting a mark) is parsed.
    if (ctx.method === 'DELETE' && !ctx.request.length && !ctx.get('Transfer-Encoding')) return next();
    if (ctx.request.length !== 0 && ctx.request.type !== '' && !ctx.is('json')) {
      throw new AppError('UNSUPPORTED_MEDIA_TYPE', 'send JSON with Content-Type: application/json', { status: 415 });
    }
    return parse(ctx, next);
  };
}
