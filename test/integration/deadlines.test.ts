/**
 * A stalled store (docs/decisions/0027): MariaDB and Redis reached through proxies that can
 * stop forwarding bytes (test/support/stallProxy.ts), as under SIGSTOP. Every answer must come
 * within the deadline plus a margin — a 503 naming the cause, or the degraded answer decided
 * for the route — and once the store resumes everything works again, on connections that
 * answer their own queries. Bounds are loose (2.5 s against 300 ms deadlines): a busy 2-core
 * machine may delay an answer, but a hang lasts as long as the stall (here 4 s and more).
 */
import type { RowDataPacket } from 'mysql2';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { checkinAt, YONGANLI } from '../support/conversionFlows';
import { CITY_GRIDS, importGrids } from '../support/grids';
import { registerResident } from '../support/flows';
import { call } from '../support/http';
import { newIdNumber } from '../support/ids';
import { startStallProxy, type StallProxy } from '../support/stallProxy';
import { startTestApp, testEnv, type TestApp } from '../support/testApp';
import { createDb } from '@yima/bff/src/db/pool';
import { DependencyTimeout } from '@yima/bff/src/deadlines';

const DEADLINE_MS = 300;
/** Deadline plus a margin for a loaded machine; a hung request would take the whole stall. */
const BOUND_MS = 2500;

let mysqlProxy: StallProxy;
let redisProxy: StallProxy;
let app: TestApp;
let resident: { token: string };
/** A relative the resident files for. */
let relativeId: string;

/** The request, and how long its answer took. */
async function timed(method: string, path: string, body?: unknown, token?: string) {
  const started = Date.now();
  const res = await call(app.url, method, path, body, { token });
  return { ...res, ms: Date.now() - started };
}

/** The pool answers each query with its own answer (a connection that took a late answer
 * of an earlier query would answer the wrong number). */
async function poolAnswersRight(n = 12): Promise<void> {
  const answers = await Promise.all(Array.from({ length: n }, (_, i) => app.db.query<RowDataPacket[]>('SELECT ? AS n, SLEEP(0.01) AS s', [i])));
  expect(answers.map(([rows]) => Number(rows[0].n))).toEqual(Array.from({ length: n }, (_, i) => i));
}

beforeAll(async () => {
  const base = testEnv('integration');
  const redisTarget = new URL(base.REDIS_URL);
  mysqlProxy = await startStallProxy({ host: '127.0.0.1', port: 3306 });
  redisProxy = await startStallProxy({ host: redisTarget.hostname, port: Number(redisTarget.port || 6379) });
  const viaProxy = (url: string, port: number) => {
    const u = new URL(url);
    u.host = `127.0.0.1:${port}`;
    return u.toString();
  };
  app = await startTestApp({
    env: {
      MYSQL_URL: viaProxy(base.MYSQL_URL, mysqlProxy.port),
      MYSQL_ADMIN_URL: viaProxy(base.MYSQL_ADMIN_URL, mysqlProxy.port),
      REDIS_URL: viaProxy(base.REDIS_URL, redisProxy.port),
      MYSQL_QUERY_TIMEOUT_MS: String(DEADLINE_MS),
      MYSQL_JOB_TIMEOUT_MS: '3000',
      REDIS_COMMAND_TIMEOUT_MS: String(DEADLINE_MS),
    },
  });
  await app.reset();
  expect((await importGrids(app, CITY_GRIDS)).code).toBe(0);
  resident = await registerResident(app.url);
  const filed = await call(
    app.url,
    'POST',
    '/api/dependents',
    { name: '李老人', idNumber: newIdNumber('19450301'), relation: 'parent', consent: true },
    { token: resident.token },
  );
  expect(filed.status).toBe(201);
  relativeId = filed.body.id;
  // The code state is now cached in Redis (and in this process), the risk areas loaded.
  expect((await call(app.url, 'GET', '/api/me/code', undefined, { token: resident.token })).status).toBe(200);
});

afterAll(async () => {
  mysqlProxy?.resume();
  redisProxy?.resume();
  await app?.close();
  await Promise.all([mysqlProxy?.close(), redisProxy?.close()]);
});

describe('when Redis stalls', () => {
  it('then /healthz is 200, /readyz is 503 naming Redis slow, a code page without a warm cache is 503 DEPENDENCY_TIMEOUT, all within the bound; resumed, everything answers again', async () => {
    redisProxy.pause();
    try {
      const live = await timed('GET', '/healthz');
      expect(live).toMatchObject({ status: 200, body: { status: 'ok' } });
      const ready = await timed('GET', '/readyz');
      expect(ready).toMatchObject({ status: 503, body: { status: 'unready', mysql: 'up', redis: 'slow' } });
      expect(ready.ms).toBeLessThan(BOUND_MS);

      // A warm process answers its code page from memory (session and state cached here).
      const warm = await timed('GET', '/api/me/code', undefined, resident.token);
      expect(warm.status).toBe(200);

      // Cold, the session must come from Redis: a clear 503 instead of a hang.
      app.dropCaches();
      const cold = await timed('GET', '/api/me/code', undefined, resident.token);
      expect(cold).toMatchObject({ status: 503, body: { error: { code: 'DEPENDENCY_TIMEOUT' } } });
      expect(cold.headers.get('retry-after')).toBe('1');
      expect(cold.ms).toBeLessThan(BOUND_MS);
      // SMS stops: the limiter cannot count, so nothing is sent (and nothing queued to send).
      const sms = await timed('POST', '/api/auth/sms-codes', { phone: '13912345678' });
      // (The limiters word any store failure as SERVICE_UNAVAILABLE: limits/steps.ts.)
      expect(sms).toMatchObject({ status: 503, body: { error: { code: 'SERVICE_UNAVAILABLE' } } });
      expect(sms.ms).toBeLessThan(BOUND_MS);
      // Commands sent into the stall, straight on the app's client, fail at the deadline too.
      await expect(app.redis.echo('lost')).rejects.toThrow(/timed out/);
    } finally {
      redisProxy.resume();
    }
    // The timed-out commands' late replies are taken by their own (already failed) commands:
    // each command still gets its own reply.
    const echoes = await Promise.all(Array.from({ length: 20 }, (_, i) => app.redis.echo(`e${i}`)));
    expect(echoes).toEqual(Array.from({ length: 20 }, (_, i) => `e${i}`));
    expect((await call(app.url, 'GET', '/readyz')).status).toBe(200);
    expect((await call(app.url, 'GET', '/api/me/code', undefined, { token: resident.token })).status).toBe(200);
    // The refused SMS was not sent once Redis resumed either.
    expect((await call(app.url, 'GET', '/api/dev/sms-outbox?phone=13912345678')).body.messages).toEqual([]);
  });
});

describe('when MariaDB stalls', () => {
  it('then a check-in is 503 DEPENDENCY_TIMEOUT, /readyz names MariaDB slow, and the code page answers from cached state marked degraded, all within the bound; resumed, no connection is left answering for another query', async () => {
    mysqlProxy.pause();
    try {
      const checkin = await timed('POST', '/api/me/checkins', checkinAt(YONGANLI), resident.token);
      expect(checkin).toMatchObject({ status: 503, body: { error: { code: 'DEPENDENCY_TIMEOUT' } } });
      expect(checkin.ms).toBeLessThan(BOUND_MS);

      const ready = await timed('GET', '/readyz');
      expect(ready).toMatchObject({ status: 503, body: { status: 'unready', mysql: 'slow', redis: 'up' } });
      expect(ready.ms).toBeLessThan(BOUND_MS);

      // Nothing of this process's memory: the session and state come from Redis, the risk
      // areas' reload fails and the last known list is used.
      app.dropCaches();
      const code = await timed('GET', '/api/me/code', undefined, resident.token);
      expect(code.status).toBe(200);
      expect(code.body.color).toBeDefined();
      expect(code.headers.get('x-yima-degraded')).toMatch(/^risk-areas; as-of=\d{4}-\d\d-\d\dT/);
      expect(code.ms).toBeLessThan(BOUND_MS);
      expect(app.logs.some((l) => l.includes('risk areas could not be reloaded'))).toBe(true);
      // A relative's code page reads the filing from MariaDB: a clear 503 within the bound.
      const relative = await timed('GET', `/api/dependents/${relativeId}/code`, undefined, resident.token);
      expect(relative).toMatchObject({ status: 503, body: { error: { code: 'DEPENDENCY_TIMEOUT' } } });
      expect(relative.ms).toBeLessThan(BOUND_MS);

      // Queries sent into the stall straight on the pool fail at the deadline; their
      // connections are closed, not returned to the pool.
      const stuck = await Promise.allSettled([app.db.query('SELECT 1 AS n'), app.db.query('SELECT 2 AS n')]);
      expect(stuck.map((s) => s.status)).toEqual(['rejected', 'rejected']);
    } finally {
      mysqlProxy.resume();
    }
    await poolAnswersRight();
    // The risk areas reload in the background once MariaDB answers; the mark goes then.
    await expect
      .poll(async () => (await call(app.url, 'GET', '/api/me/code', undefined, { token: resident.token })).headers.get('x-yima-degraded'), {
        timeout: 10_000,
        interval: 200,
      })
      .toBeNull();
    expect((await call(app.url, 'GET', '/readyz')).status).toBe(200);
    const again = await call(app.url, 'POST', '/api/me/checkins', checkinAt(YONGANLI), { token: resident.token });
    expect(again.status).toBe(201);
    await poolAnswersRight();
  });
});

describe('the pool when every connection is taken', () => {
  it('when a caller gives up waiting for a connection, then the connection it would have had goes back to the pool, not to nobody', async () => {
    const db = await createDb(app.config.mysqlUrl, 1, 200);
    try {
      const held = await db.getConnection();
      const waited = db.query('SELECT 1 AS n');
      await expect(waited).rejects.toBeInstanceOf(DependencyTimeout);
      await expect(waited).rejects.toMatchObject({ phase: 'acquire' });
      held.release();
      // The pool's one connection went to the caller that had given up, and came back at once.
      const [rows] = await db.query<RowDataPacket[]>('SELECT 7 AS n');
      expect(Number(rows[0].n)).toBe(7);
    } finally {
      await db.end();
    }
  });
});
