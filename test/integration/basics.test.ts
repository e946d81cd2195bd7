import { readdirSync } from 'node:fs';
import { connect } from 'node:net';
import mysql from 'mysql2/promise';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { migrate } from '@yima/bff/src/db/migrate';
import { createDb, ensureDatabase } from '@yima/bff/src/db/pool';
import { call } from '../support/http';
import { startTestApp, testDatabase, type TestApp } from '../support/testApp';

let app: TestApp;
beforeAll(async () => {
  app = await startTestApp();
});
afterAll(() => app.close());
beforeEach(() => app.reset());

/** A plain TCP connection to the app, for what an HTTP client hides (bodies that keep
 * streaming, a second request on the same connection): what arrived, and when it closed. */
function rawSocket() {
  const socket = connect(Number(new URL(app.url).port), '127.0.0.1');
  let received = '';
  socket.setEncoding('utf8');
  socket.on('data', (d: string) => (received += d));
  const closed = new Promise<void>((resolve) => socket.on('close', () => resolve()));
  return { socket, answer: () => received, closed };
}

describe('health and the error contract', () => {
  it('when MySQL and Redis answer, then /readyz is 200 naming both up, and /healthz (liveness) is 200', async () => {
    const res = await call(app.url, 'GET', '/readyz');
    expect(res).toMatchObject({ status: 200, body: { status: 'ready', mysql: 'up', redis: 'up' } });
    expect(await call(app.url, 'GET', '/healthz')).toMatchObject({ status: 200, body: { status: 'ok' } });
  });

  it('when a route does not exist, then the answer is a JSON 404', async () => {
    const res = await call(app.url, 'GET', '/api/nothing-here');
    expect(res).toMatchObject({ status: 404, body: { error: { code: 'NOT_FOUND' } } });
  });

  it('when a route is called with the wrong method, then the answer is a JSON 405', async () => {
    const res = await call(app.url, 'GET', '/api/auth/sms-codes');
    expect(res).toMatchObject({ status: 405, body: { error: { code: 'METHOD_NOT_ALLOWED' } } });
  });

  it('when the body is broken JSON, then the answer is 400 INVALID_JSON', async () => {
    const res = await call(app.url, 'POST', '/api/auth/sms-codes', undefined, { rawBody: '{"phone":', headers: { 'content-type': 'application/json' } });
    expect(res).toMatchObject({ status: 400, body: { error: { code: 'INVALID_JSON' } } });
  });

  it('when the body is not JSON at all, then the answer is 415', async () => {
    const res = await call(app.url, 'POST', '/api/auth/sms-codes', undefined, {
      rawBody: 'phone=13800138000',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
    });
    expect(res).toMatchObject({ status: 415, body: { error: { code: 'UNSUPPORTED_MEDIA_TYPE' } } });
  });

  it('when the body is larger than 16 kB, then the answer is 413', async () => {
    const res = await call(app.url, 'POST', '/api/auth/sms-codes', { phone: '13800138000', pad: 'x'.repeat(20_000) });
    expect(res).toMatchObject({ status: 413, body: { error: { code: 'PAYLOAD_TOO_LARGE' } } });
  });

  it('when an oversized body keeps streaming (chunked), then the 413 comes and the server closes the connection instead of reading on', async () => {
    const { socket, answer, closed } = rawSocket();
    socket.on('error', () => {}); // our writes after the server closed: EPIPE/ECONNRESET
    socket.write('POST /api/auth/sms-codes HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nTransfer-Encoding: chunked\r\n\r\n');
    // Keep sending 8 KiB chunks, as a client uploading something huge would, for up to 5 s.
    const piece = 'x'.repeat(8192);
    const sending = setInterval(() => {
      if (!socket.destroyed) socket.write(`2000\r\n${piece}\r\n`);
    }, 20);
    const outcome = await Promise.race([closed.then(() => 'closed'), new Promise((resolve) => setTimeout(() => resolve('still open'), 5000))]);
    clearInterval(sending);
    socket.destroy();
    expect(answer()).toMatch(/^HTTP\/1\.1 413 /);
    expect(answer()).toContain('PAYLOAD_TOO_LARGE');
    expect(outcome).toBe('closed');
  });

  it('when an oversized body has a small declared length, then the 413 comes and the connection stays usable (the rest is drained, no reset)', async () => {
    const { socket, answer } = rawSocket();
    const body = JSON.stringify({ phone: '13800138000', pad: 'x'.repeat(200_000) });
    socket.write(`POST /api/auth/sms-codes HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: ${Buffer.byteLength(body)}\r\n\r\n`);
    socket.write(body);
    // The same connection, a second request: answered only if the first body was drained.
    socket.write('GET /healthz HTTP/1.1\r\nHost: x\r\n\r\n');
    await expect.poll(() => answer().match(/HTTP\/1\.1 \d{3}/g)?.length ?? 0, { timeout: 5000 }).toBe(2);
    socket.destroy();
    expect(answer()).toMatch(/^HTTP\/1\.1 413 /);
    expect(answer()).not.toMatch(/connection: close/i);
    expect(answer()).toMatch(/HTTP\/1\.1 200 [\s\S]*"status":"ok"/);
  });

  it.each([
    ['a JSON array', []],
    ['a missing field', {}],
    ['an unknown field', { phone: '13800138000', extra: 1 }],
    ['a number for a string', { phone: 13800138000 }],
  ])('when the body has %s, then the answer is a 4xx naming the problem', async (_case, body) => {
    const res = await call(app.url, 'POST', '/api/auth/sms-codes', body);
    expect(res.status).toBe(400);
    expect(res.body.error.code).toMatch(/^(INVALID_REQUEST|INVALID_PHONE)$/);
    expect(res.body.error.message).toMatch(/phone|body/);
  });

  it('when any request is answered, then it carries a request id and the log line has no URL query or body', async () => {
    const res = await call(app.url, 'GET', '/api/dev/sms-outbox?phone=13800138000');
    expect(res.headers.get('x-request-id')).toMatch(/^[A-Za-z0-9_-]{8}-[0-9a-z]+$/);
    const again = await call(app.url, 'GET', '/healthz');
    expect(again.headers.get('x-request-id')).not.toBe(res.headers.get('x-request-id'));
    const line = app.logs.find((l) => l.includes('"route":"/api/dev/sms-outbox"'));
    expect(line).toBeDefined();
    expect(line).not.toContain('13800138000');
  });
});

describe('the city', () => {
  it('when the city is not configured, then GET /api/city names the demo city and its health commission, to anyone, cacheably; configured, it names those', async () => {
    const res = await call(app.url, 'GET', '/api/city');
    expect(res).toMatchObject({ status: 200, body: { name: '演示市', authority: '演示市卫生健康委员会' } });
    expect(res.headers.get('cache-control')).toBe('public, max-age=300');
    const other = await startTestApp({ env: { CITY_NAME: '青城市', ISSUING_AUTHORITY: '青城市卫生健康委员会' } });
    try {
      expect((await call(other.url, 'GET', '/api/city')).body).toEqual({ name: '青城市', authority: '青城市卫生健康委员会' });
    } finally {
      await other.close();
    }
  });
});

describe('request-log sampling', () => {
  it('when sampling is off, then successful requests leave no line and no id, and failures always do', async () => {
    const quiet = await startTestApp({ env: { REQUEST_LOG_SAMPLE: '0' } });
    try {
      const ok = await call(quiet.url, 'GET', '/healthz');
      expect(ok.status).toBe(200);
      expect(ok.headers.get('x-request-id')).toBeNull();
      const missing = await call(quiet.url, 'GET', '/api/nothing-here');
      expect(missing.headers.get('x-request-id')).toMatch(/-/);
      const lines = quiet.logs.filter((l) => l.includes('"msg":"request"'));
      expect(lines).toHaveLength(1);
      expect(lines[0]).toContain('"status":404');
      expect(lines[0]).toContain(missing.headers.get('x-request-id'));
    } finally {
      await quiet.close();
    }
  });
});

describe('migrations', () => {
  it('when two processes migrate a fresh database at once, then both succeed and each migration runs once', async () => {
    const dbName = testDatabase('yima_it_migrate');
    const url = `mysql://root@127.0.0.1:3306/${dbName}`;
    const admin = await mysql.createConnection({ host: '127.0.0.1', user: 'root' });
    await admin.query(`DROP DATABASE IF EXISTS ${dbName}`);
    await ensureDatabase(url);
    const [a, b] = await Promise.all([createDb(url, 2, 3600_000), createDb(url, 2, 3600_000)]);
    try {
      const [appliedA, appliedB] = await Promise.all([migrate(a), migrate(b)]);
      const files = readdirSync(new URL('../../bff/migrations/', import.meta.url))
        .filter((f) => f.endsWith('.sql'))
        .sort();
      expect(files.length).toBeGreaterThan(0);
      expect([...appliedA, ...appliedB].sort()).toEqual(files);
      expect(await migrate(a)).toEqual([]);
      const [rows] = await admin.query(`SELECT COUNT(*) AS n FROM ${dbName}.schema_migrations`);
      expect(Number((rows as { n: number }[])[0].n)).toBe(files.length);
    } finally {
      await Promise.all([a.end(), b.end()]);
      await admin.query(`DROP DATABASE IF EXISTS ${dbName}`);
      await admin.end();
    }
  });
});
