import { describe, expect, it } from 'vitest';
import pino from 'pino';
import type { Middleware } from 'koa';
import { errorHandler } from './errorHandler';

/** Runs the handler around a step that throws `err`; returns the status and error code. */
async function answerFor(err: Error): Promise<{ status: number; code: string }> {
  // A request whose body was read (complete): the answer keeps its connection.
  const ctx = { status: 404, body: undefined as unknown, state: { reqId: 'r' }, set: () => undefined, req: { complete: true } };
  await (errorHandler(pino({ level: 'silent' })) as Middleware)(ctx as never, () => Promise.reject(err));
  return { status: ctx.status, code: (ctx.body as { error: { code: string } }).error.code };
}

describe('errorHandler', () => {
  it('when a Redis command was in flight as Redis went away, then 503 SERVICE_UNAVAILABLE, not 500', async () => {
    const retried = Object.assign(new Error('Reached the max retries per request limit (which is 1).'), { name: 'MaxRetriesPerRequestError' });
    for (const err of [new Error('Connection is closed.'), retried, new Error("Stream isn't writeable and enableOfflineQueue options is false")])
      expect(await answerFor(err)).toEqual({ status: 503, code: 'SERVICE_UNAVAILABLE' });
    expect(await answerFor(new Error('something else'))).toEqual({ status: 500, code: 'INTERNAL' });
  });
});
