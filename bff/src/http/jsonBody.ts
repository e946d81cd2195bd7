/**
 * JSON bodies for POST/PUT/PATCH/DELETE, read by one small reader on every route: a limit
 * (16 KiB), UTF-8, strict JSON (an object or array at the top). A body of another type is
 * refused with 415 rather than silently read as empty; a body without a type is read as JSON.
 *
 * No route list: the reader used to serve only the scan and visit routes (a general parser,
 * co-body, served the rest), which meant a second copy of their paths ahead of the router.
 * Every body the API takes is a small JSON document, so one reader does for all
 * (docs/decisions/0016-one-route-table.md).
 */
import { DomainError } from '@yima/shared';
import type { Middleware } from 'koa';
import type { Readable } from 'node:stream';

declare module 'koa' {
  interface Request {
    /** The parsed JSON body (jsonBody): unknown until a route validates it. */
    body?: unknown;
  }
}

const WITH_BODY = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

/** The body's bytes, up to `limit`. Read through 'data'/'end' events rather than `for await`:
 * the async iterator cost ~3 % of a scan's CPU (its promise per chunk and its stream wrapper).
 * The handlers are unnamed and stay attached once settled (the request is dropped with its
 * answer): named per-request closures each cost a `__name` defineProperty under tsx, and
 * with their removals were ~2 % of a scan. */
function readBytes(req: NodeJS.ReadableStream, limit: number): Promise<Buffer> {
  if ((req as Readable).readableEnded) return Promise.resolve(Buffer.alloc(0));
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    let settled = false;
    req.on('data', (chunk: Buffer) => {
      if (settled) return;
      size += chunk.length;
      if (size > limit) {
        // The stream is left flowing, read and dropped, so the 413 reaches the client
        // (destroying the request here hangs up on it); the error answer then closes the connection
        // (errorHandler.ts), which ends the reading.
        settled = true;
        chunks.length = 0;
        reject(new DomainError('PAYLOAD_TOO_LARGE', 'the request body is too large'));
        return;
      }
      chunks.push(chunk);
    });
    req.on('end', () => {
      if (settled) return;
      settled = true;
      resolve(chunks.length === 1 ? chunks[0] : Buffer.concat(chunks, size));
    });
    req.on('error', (err: unknown) => {
      if (settled) return;
      settled = true;
      reject(err);
    });
    // The client went away mid-body: no 'end' will come. The iterator's error then, so the
    // error handler answers and logs it as before (a 500).
    req.on('close', () => {
      if (settled) return;
      settled = true;
      reject(Object.assign(new Error('Premature close'), { code: 'ERR_STREAM_PREMATURE_CLOSE' }));
    });
  });
}

/** The exact headers browsers, mini-programs and our clients send for JSON. */
const PLAIN_JSON = new Set(['application/json', 'application/json; charset=utf-8', 'application/json;charset=utf-8', 'application/json; charset=UTF-8']);

/** JSON by its Content-Type: the common exact headers are recognised without `ctx.is`
 * (type-is parses the media type on every call); anything else goes to it. */
export function isJsonType(ctx: Pick<Parameters<Middleware>[0], 'req' | 'is'>): boolean {
  const type = ctx.req.headers['content-type'];
  if (type !== undefined && PLAIN_JSON.has(type)) return true;
  return Boolean(ctx.is('json'));
}

async function readSmallJson(req: NodeJS.ReadableStream, declared: number | undefined, limit: number): Promise<unknown> {
  if (declared !== undefined && declared > limit) throw new DomainError('PAYLOAD_TOO_LARGE', 'the request body is too large');
  const bytes = await readBytes(req, limit);
  const text = bytes.toString('utf8');
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

/** `limit` in bytes. `rawPaths`: routes that read their own body as a stream (the provincial
 * NDJSON feed, the venue CSV import). */
export function jsonBody(limit = 16 * 1024, rawPaths: ReadonlySet<string> = new Set()): Middleware {
  return async (ctx, next) => {
    // GETs (most traffic, the code page) skip the parser altogether.
    if (!WITH_BODY.has(ctx.method) || rawPaths.has(ctx.path)) return next();
    // Most DELETEs carry no body (a browser sends no Content-Length then, whatever the
    // Content-Type): nothing to parse. A DELETE with a body (lifting a mark) is parsed.
    if (ctx.method === 'DELETE' && !ctx.request.length && !ctx.get('Transfer-Encoding')) return next();
    if (ctx.request.length !== 0 && ctx.request.type !== '' && !isJsonType(ctx)) {
      throw new DomainError('UNSUPPORTED_MEDIA_TYPE', 'send JSON with Content-Type: application/json');
    }
    ctx.request.body = await readSmallJson(ctx.req, ctx.request.length, limit);
    return next();
  };
}
