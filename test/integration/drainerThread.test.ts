import pino from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createVisitLog, startDrainerThread, type DrainerSettings, type DrainerThread } from '@yima/bff/src/features/visits';
import { createRedis, redisReady } from '@yima/bff/src/redis';
import { startRedis } from '../faults/harness';
import { freePort } from '../support/bffProcess';
import { startTestApp, testEnv, type TestApp } from '../support/testApp';
import { testVisit } from '../support/visits';

/** The visit drainer's worker thread (decision 0032) against a redis-server of the test's own,
 * which is not there yet when the thread starts. No other drainer runs beside it. */
let app: TestApp;
beforeAll(async () => {
  app = await startTestApp({ background: false });
  await app.reset();
});
afterAll(() => app.close());

const silent = pino({ level: 'silent' });
const settings = (redisPort: number): DrainerSettings => ({
  mysqlUrl: testEnv('integration').MYSQL_URL,
  mysqlPoolSize: 2,
  mysqlQueryTimeoutMs: 2000,
  mysqlJobTimeoutMs: 10_000,
  redisUrl: `redis://127.0.0.1:${redisPort}/0`,
  redisClusterNodes: [],
  redisCommandTimeoutMs: 1000,
  logLevel: 'silent',
  claimIdleMs: 30_000,
  streamShards: 1,
});
const visit = (n: number) => testVisit(n, '999999998', '线');
const stored = async () => Number((await app.db.query<any[]>("SELECT COUNT(*) AS n FROM visits WHERE venue_id = '999999998'"))[0][0].n);

describe('the visit drainer thread', () => {
  it(
    'when Redis is away for 6 s as the thread starts, then it starts once Redis is there and writes the visits acknowledged into it',
    { timeout: 30_000 },
    async () => {
      const port = await freePort();
      const thread: DrainerThread = startDrainerThread(settings(port), silent);
      let redis: Awaited<ReturnType<typeof startRedis>> | undefined;
      const client = createRedis({ url: `redis://127.0.0.1:${port}/0`, clusterNodes: [] }, 1000);
      client.on('error', () => undefined);
      try {
        // Longer than any single wait for Redis (redis.ts waits 5 s at most): the thread must
        // have given up once and tried again.
        await new Promise((resolve) => setTimeout(resolve, 6000));
        redis = await startRedis({ port });
        await redisReady(client, 10_000);
        const log = createVisitLog({ redis: client, db: app.db, logger: silent, claimIdleMs: 30_000, shards: 1 });
        for (let i = 0; i < 3; i++) await log.record(visit(i));
        await expect.poll(stored, { timeout: 20_000, interval: 100 }).toBe(3);
      } finally {
        client.disconnect();
        await thread.stop();
        redis?.child.kill('SIGKILL');
      }
    },
  );

  it('when it is stopped a second time, or after it stopped, then stop returns at once', async () => {
    const thread = startDrainerThread(settings(await freePort()), silent);
    await thread.stop();
    const started = Date.now();
    await thread.stop();
    expect(Date.now() - started).toBeLessThan(2000); // not the 5 s wait for a thread that answers
  });
});
