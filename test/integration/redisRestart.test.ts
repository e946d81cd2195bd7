import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Redis } from 'ioredis';
import { afterAll, describe, expect, it } from 'vitest';
import { freePort, REPO_ROOT, startBffProcess } from '../support/bffProcess';
import { loginBySms } from '../support/flows';
import { call } from '../support/http';
import { testEnv } from '../support/testApp';

/** Sessions survive a Redis restart (decision 0028): the product's Redis runs with
 * scripts/redis.conf (append-only file, fsync every second). Here a Redis of the test's own
 * runs with that same file, is killed with SIGKILL and started again from its files. */
const dir = mkdtempSync(join(tmpdir(), 'yima-redis-'));
let port = 0;
let server: ChildProcess | null = null;

async function startRedis(): Promise<void> {
  port ||= await freePort();
  server = spawn('redis-server', [join(REPO_ROOT, 'scripts/redis.conf'), '--port', String(port), '--dir', dir, '--daemonize', 'no'], { stdio: 'ignore' });
  const probe = new Redis({ port, host: '127.0.0.1', lazyConnect: true, maxRetriesPerRequest: 0, retryStrategy: () => null });
  probe.on('error', () => undefined); // refused until it listens: polled below
  await expect
    .poll(
      async () =>
        probe.connect().then(
          () => probe.ping(),
          () => 'down',
        ),
      { timeout: 10_000, interval: 100 },
    )
    .toBe('PONG');
  probe.disconnect();
}
async function killRedis(): Promise<void> {
  const s = server;
  if (!s || s.exitCode !== null) return;
  await new Promise<void>((resolve) => {
    s.once('exit', () => resolve());
    s.kill('SIGKILL');
  });
}
afterAll(async () => {
  await killRedis();
  rmSync(dir, { recursive: true, force: true });
});

describe('a Redis restart', () => {
  it('when Redis is killed and started again from its files, then a session still works and a logged-out one stays logged out', async () => {
    await startRedis();
    const env = { ...testEnv('integration'), REDIS_URL: `redis://127.0.0.1:${port}/0`, LOG_LEVEL: 'warn' };
    const before = await startBffProcess(env);
    let stayed: { token: string };
    let left: { token: string };
    try {
      stayed = await loginBySms(before.url);
      left = await loginBySms(before.url);
      expect((await call(before.url, 'DELETE', '/api/auth/sessions/current', undefined, { token: left.token })).status).toBe(204);
      expect(before.output()).not.toContain('keeps no append-only file');
    } finally {
      await before.stop();
    }
    await killRedis();
    await startRedis();
    // A new BFF process: nothing is remembered in memory, the sessions come from Redis alone.
    const after = await startBffProcess(env);
    try {
      expect((await call(after.url, 'GET', '/api/ops/pages', undefined, { token: stayed.token })).status).toBe(200);
      const out = await call(after.url, 'GET', '/api/ops/pages', undefined, { token: left.token });
      expect([out.status, out.body.error.code]).toEqual([401, 'UNAUTHENTICATED']);
    } finally {
      await after.stop();
    }
  });
});
