import mysql from 'mysql2/promise';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runAdmin } from '@yima/bff/src/cli/admin';
import { createDb } from '@yima/bff/src/db/pool';
import { withDeadlines } from '@yima/bff/src/db/deadlinePool';
import { createVisitLog } from '@yima/bff/src/features/visits';
import pino from 'pino';
import type { RedisClient } from '@yima/bff/src/redis';
import type { VisitStreamKeys } from '@yima/bff/src/features/visits';
import { startBffProcess } from '../support/bffProcess';
import { loginBySms, registerResident } from '../support/flows';
import { call } from '../support/http';
import { deleteKeys, isolatedVisitStreams, keysMatching, testRedis } from '../support/redisTest';
import { startTestApp, testEnv, type TestApp } from '../support/testApp';
import { testVisit } from '../support/visits';

/** Acknowledged visits survive a crash: they are in the Redis stream before the answer, and a
 * process that dies holding some is relieved of them by another. */
let app: TestApp;
beforeAll(async () => {
  app = await startTestApp();
  await app.reset();
});
afterAll(() => app.close());

const silent = pino({ level: 'silent' });
/** More than one stream, as on a cluster: every test here holds for each. */
const SHARDS = 3;
const pendingAll = async (redis: RedisClient, keys: VisitStreamKeys) => {
  let n = 0;
  for (let shard = 0; shard < SHARDS; shard++) n += Number(((await redis.xpending(keys.stream(shard), 'writers')) as [number])[0]);
  return n;
};
const lengthAll = async (redis: RedisClient, keys: VisitStreamKeys) => {
  let n = 0;
  for (let shard = 0; shard < SHARDS; shard++) n += await redis.xlen(keys.stream(shard));
  return n;
};
const visit = (n: number) => testVisit(n);

describe('visits that were acknowledged', () => {
  it('when the process that took them from the stream dies before writing, then another process writes them', async () => {
    // Streams of its own: the test app's drainer must not take these entries first.
    const redis = await testRedis(14);
    const keys = await isolatedVisitStreams(redis);
    // A process whose database is unreachable: it takes the entries, fails to write, dies.
    const deadDb = mysql.createPool({ host: '127.0.0.1', port: 1, user: 'root', connectTimeout: 200 });
    const dying = createVisitLog({ redis, db: withDeadlines(deadDb, 5000), logger: silent, claimIdleMs: 200, shards: SHARDS, keys });
    const before = Number((await app.db.query<any[]>('SELECT COUNT(*) AS n FROM visits WHERE holder LIKE ?', ['测*%']))[0][0].n);
    for (let i = 0; i < 3; i++) await dying.record(visit(i));
    await expect(dying.drain()).rejects.toThrow();
    await dying.stop();
    await deadDb.end();
    // Another process, after the idle time, claims and writes them.
    const db = await createDb(app.config.mysqlUrl, 2, 5000);
    const healthy = createVisitLog({ redis, db, logger: silent, claimIdleMs: 200, shards: SHARDS, keys });
    await new Promise((resolve) => setTimeout(resolve, 300));
    await healthy.drain();
    await healthy.stop();
    await db.end();
    redis.disconnect();
    const after = Number((await app.db.query<any[]>('SELECT COUNT(*) AS n FROM visits WHERE holder LIKE ?', ['测*%']))[0][0].n);
    expect(after - before).toBe(3);
  });

  it('when drain() is called while the background drainer is still writing a batch it took, then drain returns only after that batch is in MySQL', async () => {
    const redis = await testRedis(14);
    const keys = await isolatedVisitStreams(redis);
    const db = await createDb(app.config.mysqlUrl, 2, 5000);
    // The real database, reached through a gate the test opens: the background drainer takes
    // the entry from the stream and then waits here, as a slow insert would.
    let open!: () => void;
    const gate = new Promise<void>((resolve) => (open = resolve));
    const slowDb: typeof db = Object.assign(Object.create(db) as typeof db, { getConnection: async () => (await gate, db.getConnection()) });
    const log = createVisitLog({ redis, db: slowDb, logger: silent, claimIdleMs: 60_000, shards: SHARDS, keys });
    try {
      await log.start();
      await log.record({ ...visit(900), holder: '测*drain' });
      // Wait until the background drainer holds the entry (pending to it, not yet written).
      await expect.poll(async () => await pendingAll(redis, keys), { timeout: 5000, interval: 10 }).toBe(1);
      const drained = log.drain();
      setTimeout(open, 200);
      await drained;
      const [rows] = await app.db.query<any[]>('SELECT COUNT(*) AS n FROM visits WHERE holder = ?', ['测*drain']);
      expect(Number(rows[0].n)).toBe(1);
    } finally {
      open();
      await log.stop();
      await db.end();
      redis.disconnect();
    }
  });

  it('when a batch was written but its process died before acknowledging it, then the entries claimed again are not counted twice, and new ones claimed with them are counted', async () => {
    const redis = await testRedis(14);
    const keys = await isolatedVisitStreams(redis);
    const db = await createDb(app.config.mysqlUrl, 2, 5000);
    const day = '2031-03-03';
    const at = new Date(`${day}T04:00:00Z`);
    const counted = async (metric: string) =>
      Number((await app.db.query<any[]>('SELECT COALESCE(SUM(value), 0) AS n FROM stats_daily WHERE day = ? AND metric = ?', [day, metric]))[0][0].n);
    const seen = { ...visit(0), at, via: 'staff-scan' as const };
    // One process writes a batch (visits and counts committed) and dies before XACK.
    const ackless = Object.assign(Object.create(redis) as typeof redis, {
      multi: () => ({ xack: () => ({ xdel: () => ({ exec: async () => Promise.reject(new Error('died before XACK')) }) }) }),
    });
    const dying = createVisitLog({ redis: ackless, db, logger: silent, claimIdleMs: 200, shards: SHARDS, keys });
    for (let i = 0; i < 3; i++) await dying.record({ ...seen, holder: `测*ack${i}`, personId: String(910_000_001 + i) });
    await expect(dying.drain()).rejects.toThrow('died before XACK');
    await dying.stop();
    expect([await counted('scans'), await counted('staffScans'), await counted('activeUsers')]).toEqual([3, 3, 3]);
    // Another takes two more from the stream and dies before writing them.
    const deadDb = mysql.createPool({ host: '127.0.0.1', port: 1, user: 'root', connectTimeout: 200 });
    const dead = createVisitLog({ redis, db: withDeadlines(deadDb, 5000), logger: silent, claimIdleMs: 200, shards: SHARDS, keys });
    await dead.record({ ...seen, holder: '测*new0', personId: '910000001' }); // active already
    await dead.record({ ...seen, holder: '测*new1', personId: '910000009' });
    await expect(dead.drain()).rejects.toThrow();
    await dead.stop();
    await deadDb.end();
    // A healthy process claims all five in one batch: only the two new ones count.
    const healthy = createVisitLog({ redis, db, logger: silent, claimIdleMs: 200, shards: SHARDS, keys });
    await new Promise((resolve) => setTimeout(resolve, 300));
    await healthy.drain();
    await healthy.stop();
    expect(await lengthAll(redis, keys)).toBe(0);
    await db.end();
    redis.disconnect();
    const [rows] = await app.db.query<any[]>("SELECT COUNT(*) AS n FROM visits WHERE holder LIKE '测*ack%' OR holder LIKE '测*new%'");
    expect(Number(rows[0].n)).toBe(5);
    expect([await counted('scans'), await counted('staffScans'), await counted('activeUsers')]).toEqual([5, 5, 4]);
  });

  it('when the BFF process is killed right after answering, then the visit is in the database once another one runs', async () => {
    const env = { ...testEnv('integration'), VISIT_CLAIM_IDLE_MS: '500', LOG_LEVEL: 'warn' };
    const first = await startBffProcess(env);
    const op = await loginBySms(first.url);
    const lines: string[] = [];
    expect(await runAdmin(['grant', '--phone', op.phone, '--role', 'operator'], env, (l) => lines.push(l))).toBe(0);
    const venue = await call(
      first.url,
      'POST',
      '/api/venues',
      { type: 'unit', name: '重启测试单位', address: '测试路 1 号', district: '110105' },
      { token: op.token },
    );
    const resident = await registerResident(first.url, { name: '赵重启' });
    for (let i = 0; i < 5; i++) {
      const res = await call(first.url, 'POST', `/api/venues/${venue.body.id}/visits`, {}, { token: resident.token });
      expect(res.status).toBe(201);
      // Each acknowledged visit is a new one (the repeat window is per person: clear it).
      await deleteKeys(app.redis, await keysMatching(app.redis, `yima:visit:recent:${venue.body.id}:*`));
    }
    await first.kill();
    const second = await startBffProcess(env);
    try {
      const count = async () => Number((await app.db.query<any[]>('SELECT COUNT(*) AS n FROM visits WHERE venue_id = ?', [venue.body.id]))[0][0].n);
      await expect.poll(count, { timeout: 10_000, interval: 200 }).toBe(5);
    } finally {
      await second.stop();
    }
  });
});

describe('a write that fails once', () => {
  it('when the database refuses a batch once, then the same process writes the entries it took at its next round, not after the idle time', async () => {
    const redis = await testRedis(14);
    const keys = await isolatedVisitStreams(redis);
    const db = await createDb(app.config.mysqlUrl, 2, 5000);
    let refusals = 1;
    // The pool as the drainer sees it: its first connection is refused, then all is well.
    const flaky = new Proxy(db, {
      get(target, prop) {
        if (prop === 'getConnection')
          return async () => {
            if (refusals-- > 0) throw Object.assign(new Error('connect ECONNREFUSED'), { code: 'ECONNREFUSED' });
            return target.getConnection();
          };
        const value = Reflect.get(target, prop, target) as unknown;
        return typeof value === 'function' ? (value as (...a: unknown[]) => unknown).bind(target) : value;
      },
    });
    // An idle time far beyond the wait below: only the consumer's own retry can write them.
    const log = createVisitLog({ redis, db: flaky, logger: silent, claimIdleMs: 120_000, shards: SHARDS, keys });
    const count = async () => Number((await app.db.query<any[]>('SELECT COUNT(*) AS n FROM visits WHERE holder LIKE ?', ['重*%']))[0][0].n);
    const before = await count();
    await log.start();
    for (let i = 0; i < 2; i++) await log.record({ ...visit(i), holder: `重*${i}` });
    await expect.poll(count, { timeout: 10_000, interval: 100 }).toBe(before + 2);
    expect(refusals).toBeLessThan(0); // the refusal happened
    await log.stop();
    await db.end();
    redis.disconnect();
  });
});

describe('entries of one keyed request', () => {
  it('when two entries carry the same client key and are drained in one batch, then one row and one count; entries without a key are all written', async () => {
    const redis = await testRedis(14);
    const keys = await isolatedVisitStreams(redis);
    const db = await createDb(app.config.mysqlUrl, 2, 5000);
    const day = '2031-04-04';
    const at = new Date(`${day}T04:00:00Z`);
    const scans = async () =>
      Number((await app.db.query<any[]>("SELECT COALESCE(SUM(value), 0) AS n FROM stats_daily WHERE day = ? AND metric = 'scans'", [day]))[0][0].n);
    const log = createVisitLog({ redis, db, logger: silent, claimIdleMs: 60_000, shards: 1, keys });
    const clientKey = 'ab'.repeat(16);
    await log.record({ ...visit(0), at, holder: '键*一', clientKey });
    await log.record({ ...visit(1), at, holder: '键*二', clientKey });
    await log.record({ ...visit(2), at, holder: '键*无' });
    await log.record({ ...visit(3), at, holder: '键*无' });
    await log.drain();
    // A third entry of the key, in a later batch: not written either.
    await log.record({ ...visit(4), at, holder: '键*三', clientKey });
    await log.drain();
    await log.stop();
    await db.end();
    redis.disconnect();
    const [rows] = await app.db.query<any[]>("SELECT holder FROM visits WHERE holder LIKE '键*%' ORDER BY id");
    expect(rows.map((r) => r.holder)).toEqual(['键*一', '键*无', '键*无']);
    expect(await scans()).toBe(3);
  });
});
