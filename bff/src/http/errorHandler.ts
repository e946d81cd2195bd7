/**
 * Renders every error as `{"error":{"code","message"}}`. DomainErrors keep their code and take
 * their status from shared's one code → status table (ERROR_STATUS); errors
 * from Koa and its body parser keep their 4xx status; anything else is logged and becomes a
 * generic 500 (no stack, no message from inside reaches the client).
 */
import type { Middleware } from 'koa';
import type { Logger } from 'pino';
import { DomainError, statusOf, type ErrorBody, type ErrorCode } from '@yima/shared';
import { isDependencyTimeout } from '../deadlines';

const HTTP_CODES: Record<number, { code: ErrorCode; message: string }> = {
  400: { code: 'INVALID_JSON', message: 'the request body is not valid JSON' },
  404: { code: 'NOT_FOUND', message: 'no such route' },
  405: { code: 'METHOD_NOT_ALLOWED', message: 'this route does not take that method' },
  413: { code: 'PAYLOAD_TOO_LARGE', message: 'the request body is too large' },
  415: { code: 'UNSUPPORTED_MEDIA_TYPE', message: 'send JSON with Content-Type: application/json' },
};

export function errorHandler(logger: Logger): Middleware {
  return async (ctx, next) => {
    try {
      await next();
      if (ctx.status === 404 && ctx.body === undefined) throw new DomainError('NOT_FOUND', HTTP_CODES[404].message);
    } catch (err) {
      const body = toBody(err);
      // A stalled store fails every request at once: one short line each, no stack.
      if (body.error.code === 'DEPENDENCY_TIMEOUT') logger.warn({ reason: (err as Error).message, reqId: ctx.state.reqId }, 'request failed');
      else if (body.status >= 500) logger.error({ err, reqId: ctx.state.reqId }, 'request failed');
      ctx.status = body.status;
      ctx.body = { error: body.error } satisfies ErrorBody;
      if (body.error.retryAfterSeconds !== undefined) ctx.set('Retry-After', String(body.error.retryAfterSeconds));
      if (!ctx.req.complete && unboundedRest(ctx.request.length)) ctx.set('Connection', 'close');
    }
  };
}

/** Refused before its body was all read (too large, a feed's bad signature): kept open, Node
 * reads and drops the rest for as long as the client keeps sending (up to its requestTimeout),
 * so a body of unknown length (chunked) or a large one ends the connection after the answer.
 * A small declared remainder is left to drain: closing while a client still sends can reach it
 * as a reset instead of the answer (Node has no lingering close). */
const DRAIN_AT_MOST_BYTES = 1024 * 1024;
/** `declared`: Koa's parse of Content-Length (undefined without one: chunked). */
function unboundedRest(declared: number | undefined): boolean {
  return declared === undefined || declared > DRAIN_AT_MOST_BYTES;
}

function toBody(err: unknown): { status: number; error: ErrorBody['error'] } {
  if (err instanceof DomainError) {
    const error: ErrorBody['error'] = { code: err.code, message: err.message };
    if (err.retryAfterSeconds !== undefined) error.retryAfterSeconds = err.retryAfterSeconds;
    if (err.alternatives) error.alternatives = err.alternatives;
    return { status: statusOf(err), error };
  }
  const status = (err as { status?: unknown })?.status;
  if (typeof status === 'number' && status >= 400 && status < 500) {
    const known = HTTP_CODES[status] ?? { code: 'INVALID_REQUEST' as const, message: 'the request was not understood' };
    return { status, error: known };
  }
  if (isDependencyTimeout(err)) {
    return {
      status: 503,
      error: { code: 'DEPENDENCY_TIMEOUT', message: 'the service took too long to answer; please try again shortly', retryAfterSeconds: 1 },
    };
  }
  if (isStoreUnavailable(err)) {
    return { status: 503, error: { code: 'SERVICE_UNAVAILABLE', message: 'the service is briefly unavailable; please try again' } };
  }
  return { status: 500, error: { code: 'INTERNAL', message: 'something went wrong on our side; please try again' } };
}

/** MySQL or Redis out of reach: a 503 the client may retry, not a 500. */
const UNAVAILABLE_CODES = new Set(['ECONNREFUSED', 'ECONNRESET', 'ETIMEDOUT', 'EHOSTUNREACH', 'PROTOCOL_CONNECTION_LOST', 'ER_CON_COUNT_ERROR']);
function isStoreUnavailable(err: unknown): boolean {
  const e = err as { code?: unknown; message?: unknown } | null;
  if (typeof e?.code === 'string' && UNAVAILABLE_CODES.has(e.code)) return true;
  if (typeof e?.message !== 'string') return false;
  // ioredis with the offline queue off, while disconnected; and the commands that were in
  // flight when Redis went away (the fault script's redis-restart saw them as 500s): flushed
  // with "Connection is closed." or, after their one retry, MaxRetriesPerRequestError.
  return (
    e.message.includes('enableOfflineQueue options is false') || e.message === 'Connection is closed.' || (err as Error).name === 'MaxRetriesPerRequestError'
  );
}
