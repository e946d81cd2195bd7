import { spawn, type ChildProcess } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { freePort, killServers, startBffProcess } from '../support/bffProcess';
import { registerResident } from '../support/flows';
import { call } from '../support/http';
import { communityPlace } from '../support/places';
import { replicaAck } from '@yima/bff/src/features/visits';
import { redisReady } from '@yima/bff/src/redis';
import { startTestApp, testEnv, type TestApp } from '../support/testApp';

/** VISIT_ACK=replica (decision 0031): a visit is answered 201 only once a Redis replica has
 * it (WAIT), and 503 NOT_REPLICATED when no replica confirms in time. A master and a replica
 * of the test's own, without files, on free loopback ports. */
const TIMEOUT_MS = 300;
const STREAM = 'yima:visits';
const servers: ChildProcess[] = [];
// The replica's full sync writes an RDB file: kept out of the work tree.
const dir = mkdtempSync(join(tmpdir(), 'yima-ack-'));
let masterPort = 0;
let replica: ChildProcess;
let replicaClient: Redis;

/** expect.poll works only inside a test; these run in beforeAll. */
async function until(ok: () => Promise<boolean>, timeoutMs = 10_000): Promise<void> {
  for (const deadline = Date.now() + timeoutMs; !(await ok());) {
    if (Date.now() > deadline) throw new Error('Redis did not come up');
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

async function startRedis(port: number, ...args: string[]): Promise<ChildProcess> {
  const server = spawn(
    'redis-server',
    ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no', '--daemonize', 'no', '--dir', dir, ...args],
    {
      stdio: 'ignore',
    },
  );
  servers.push(server);
  const probe = new Redis({ port, host: '127.0.0.1', lazyConnect: true, maxRetriesPerRequest: 0, retryStrategy: () => null });
  probe.on('error', () => undefined); // refused until it listens: polled below
  await until(() =>
    probe.connect().then(
      () => probe.ping().then((p) => p === 'PONG'),
      () => false,
    ),
  );
  probe.disconnect();
  return server;
}

/** Visits the replica has been sent since it started: XDEL (the drainer's, once a visit is in
 * MySQL) does not lower it, so the count shows a visit even after it left the stream. */
async function replicated(): Promise<number> {
  const info = (await replicaClient.xinfo('STREAM', STREAM).catch(() => null)) as (string | number)[] | null;
  if (!info) return 0;
  return Number(info[info.indexOf('entries-added') + 1]);
}

beforeAll(async () => {
  masterPort = await freePort();
  const replicaPort = await freePort();
  await startRedis(masterPort);
  replica = await startRedis(replicaPort, '--replicaof', '127.0.0.1', String(masterPort));
  replicaClient = new Redis({ port: replicaPort, host: '127.0.0.1' });
  await until(async () => /master_link_status:up/.test(await replicaClient.info('replication')));
});
afterAll(async () => {
  replicaClient?.disconnect();
  await killServers(servers);
  rmSync(dir, { recursive: true, force: true });
});

async function withApp(mode: 'write' | 'replica', body: (app: TestApp, place: string) => Promise<void>) {
  const app = await startTestApp({
    env: { REDIS_URL: `redis://127.0.0.1:${masterPort}/0`, VISIT_ACK: mode, VISIT_ACK_TIMEOUT_MS: String(TIMEOUT_MS), VISIT_MERGE_MINUTES: '30' },
  });
  try {
    await app.reset();
    const place = await communityPlace(app, '副本小区', '北京市朝阳区副本路 1 号');
    await body(app, place);
  } finally {
    await app.close();
  }
}

const visit = (app: TestApp, place: string, token: string, key = randomUUID()) =>
  call(app.url, 'POST', `/api/venues/${place}/visits`, {}, { token, headers: { 'idempotency-key': key } });

describe('VISIT_ACK=replica', () => {
  it('when a replica is connected, then a visit is answered 201 and the replica has it at the moment of the answer', async () => {
    await withApp('replica', async (app, place) => {
      const residents = await Promise.all([0, 1, 2, 3, 4, 5, 6, 7].map((i) => registerResident(app.url, { name: `副本${'甲乙丙丁戊己庚辛'[i]}` })));
      const before = await replicated();
      // Together, so one WAIT answers several of them (group commit).
      const answers = await Promise.all(residents.map((r) => visit(app, place, r.token)));
      const seen = await replicated();
      expect(answers.map((a) => a.status)).toEqual(residents.map(() => 201));
      expect(seen - before).toBeGreaterThanOrEqual(residents.length);
    });
  });

  it('when the replica is stopped, then visits get 503 NOT_REPLICATED within the timeout, never hang, and the retry after it resumes records the visit', async () => {
    await withApp('replica', async (app, place) => {
      const r = await registerResident(app.url, { name: '副本停' });
      const other = await registerResident(app.url, { name: '副本另' });
      replica.kill('SIGSTOP');
      try {
        const key = randomUUID();
        const started = Date.now();
        const answers = await Promise.all([visit(app, place, r.token, key), visit(app, place, other.token)]);
        const took = Date.now() - started;
        for (const a of answers) {
          expect([a.status, a.body.error.code]).toEqual([503, 'NOT_REPLICATED']);
          expect(a.headers.get('retry-after')).toBe('1');
        }
        // One WAIT's timeout, or two for a visit queued behind a WAIT already waiting; plus slack
        // for a shared machine.
        expect(took).toBeLessThan(2 * TIMEOUT_MS + 1500);
        replica.kill('SIGCONT');
        // The same action again (the app retries with the same key): the failed attempt freed
        // both the key and the repeat window, so it is recorded anew — not `extended`.
        const before = await replicated();
        const retry = await visit(app, place, r.token, key);
        expect([retry.status, retry.body.extended]).toEqual([201, false]);
        expect((await replicated()) - before).toBe(1);
      } finally {
        replica.kill('SIGCONT');
      }
    });
  });
});

describe('the replica acknowledgement’s group commit', () => {
  it('when many visits are appended in one event-loop turn, then one WAIT confirms them all', async () => {
    // One server and its replica: WAIT is a single master's (no cluster client here).
    const redis = new Redis(`redis://127.0.0.1:${masterPort}/0`, { commandTimeout: 5000 });
    await redisReady(redis);
    const ack = replicaAck(redis, { replicas: 1, timeoutMs: TIMEOUT_MS, commandTimeoutMs: 5000 });
    const waits = async () => Number(/^cmdstat_wait:calls=(\d+)/m.exec(await redis.info('commandstats'))?.[1] ?? 0);
    try {
      // The first append waits for the connection to come up (no offline queue).
      await ack.xadd('yima:test:group', ['v', 'warm']);
      const before = await waits();
      const ids = await Promise.all(Array.from({ length: 500 }, (_, i) => ack.xadd('yima:test:group', ['v', String(i)])));
      expect(new Set(ids).size).toBe(500);
      expect((await waits()) - before).toBe(1);
      expect(await replicaClient.xlen('yima:test:group')).toBe(501);
    } finally {
      await ack.close();
      await redis.del('yima:test:group');
      redis.disconnect();
    }
  });
});

describe('VISIT_ACK=write', () => {
  it('when the replica is stopped, then visits are answered 201 as before: the answer waits for no replica', async () => {
    await withApp('write', async (app, place) => {
      const r = await registerResident(app.url, { name: '写入' });
      replica.kill('SIGSTOP');
      try {
        const started = Date.now();
        const a = await visit(app, place, r.token);
        expect(a.status).toBe(201);
        expect(Date.now() - started).toBeLessThan(TIMEOUT_MS + 1000);
        await app.settled();
        const [rows] = await app.db.query<any[]>('SELECT COUNT(*) AS n FROM visits WHERE venue_id = ?', [place]);
        expect(Number(rows[0].n)).toBe(1);
      } finally {
        replica.kill('SIGCONT');
      }
    });
  });
});

describe('the BFF starting with VISIT_ACK=replica', () => {
  it('when its Redis has no replica, then it says at start that every visit will be refused', async () => {
    // The tests' shared Redis has none.
    const bff = await startBffProcess({ ...testEnv('integration'), VISIT_ACK: 'replica', LOG_LEVEL: 'warn' });
    try {
      expect(bff.output()).toContain('fewer connected replicas than VISIT_ACK_REPLICAS');
    } finally {
      await bff.stop();
    }
  });
});
