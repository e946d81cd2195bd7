/**
 * JSON bodies for POST/PUT/PATCH/DELETE: @koa/bodyparser (co-body) with a small limit, strict JSON
 * (an object or array at the top). A body of another type is refused with 415 rather than
 * silently read as empty.
 */
import { DomainError } from '@yima/shared';
import { bodyParser } from '@koa/bodyparser';
import type { Middleware } from 'koa';

const WITH_BODY = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

/** The two routes a gate hits thousands of times a second (a guard's scan, a resident's visit)
 * carry tiny bodies: read them directly, without the general parser's machinery. */
const HOT = (path: string) => path === '/api/scans' || /^\/api\/venues\/\d{1,18}\/visits$/.test(path);
const HOT_LIMIT = 16 * 1024;

async function readSmallJson(req: NodeJS.ReadableStream, declared: number | undefined): Promise<unknown> {
  if (declared !== undefined && declared > HOT_LIMIT) throw new DomainError('PAYLOAD_TOO_LARGE', 'the request body is too large');
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req as AsyncIterable<Buffer>) {
    size += chunk.length;
    if (size > HOT_LIMIT) throw new DomainError('PAYLOAD_TOO_LARGE', 'the request body is too large');
    chunks.push(chunk);
  }
  const text = Buffer.concat(chunks).toString('utf8');
  if (text.trim() === '') return {};
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    throw new DomainError('INVALID_JSON', 'the request body is not valid JSON');
  }
  if (typeof value !== 'object' || value === null) throw new DomainError('INVALID_JSON', 'the request body is not valid JSON');
  return value;
}

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
      throw new DomainError('UNSUPPORTED_MEDIA_TYPE', 'send JSON with Content-Type: application/json');
    }
    if (ctx.method === 'POST' && HOT(ctx.path)) {
      ctx.request.body = await readSmallJson(ctx.req, ctx.request.length);
      return next();
    }
    return parse(ctx, next);
  };
}
