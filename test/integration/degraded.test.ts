import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import mysql from 'mysql2/promise';
import pino from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp, type AppInternals } from '@yima/bff/src/app';
import { loadConfig } from '@yima/bff/src/config';
import { createRedis } from '@yima/bff/src/redis';
import { withDeadlines } from '@yima/bff/src/db/deadlinePool';
import { call } from '../support/http';
import { testEnv } from '../support/testApp';

/** The BFF with its stores unreachable (nothing listens on port 1): it must say so, fast. */
describe('when MySQL and Redis are unreachable', () => {
  let server: Server;
  let url: string;
  let internals: AppInternals;
  const redis = createRedis({ url: 'redis://127.0.0.1:1/0', clusterNodes: [] }, 400);
  redis.on('error', () => undefined); // reconnect noise; the test reads the answers
  const db = withDeadlines(mysql.createPool({ host: '127.0.0.1', port: 1, user: 'root', connectTimeout: 500 }), 600);

  beforeAll(async () => {
    const config = loadConfig(testEnv('integration'));
    const built = buildApp({ config, db, redis, logger: pino({ level: 'silent' }) });
    const app = built.app;
    internals = built.internals;
    server = createServer(app.callback());
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterAll(async () => {
    server.closeAllConnections();
    await new Promise((r) => server.close(r));
    await internals.close();
    redis.disconnect();
    await db.end();
  });

  it('then /readyz is 503 and names both, while /healthz (liveness, no store asked) is 200', async () => {
    expect(await call(url, 'GET', '/readyz')).toMatchObject({ status: 503, body: { status: 'unready', mysql: 'down', redis: 'down' } });
    expect(await call(url, 'GET', '/healthz')).toMatchObject({ status: 200, body: { status: 'ok' } });
  });

  it('then asking for an SMS code is a 503 SERVICE_UNAVAILABLE, not a 500 and not a hang', async () => {
    const started = Date.now();
    const res = await call(url, 'POST', '/api/auth/sms-codes', { phone: '13800138000' });
    expect(res).toMatchObject({ status: 503, body: { error: { code: 'SERVICE_UNAVAILABLE' } } });
    expect(Date.now() - started).toBeLessThan(3000);
  });

  it('then a logged-in request is a 503 SERVICE_UNAVAILABLE too', async () => {
    const res = await call(url, 'GET', '/api/me', undefined, { token: `1.${'a'.repeat(43)}` });
    expect(res).toMatchObject({ status: 503, body: { error: { code: 'SERVICE_UNAVAILABLE' } } });
  });
});
