/**
 * Starts the real BFF (buildApp) on an ephemeral loopback port against real MariaDB and
 * Redis, with a fake clock and optional adapter overrides. Each test project uses its own
 * database and Redis DB; `reset()` empties them between tests.
 */
import { createHmac, randomBytes } from 'node:crypto';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Writable } from 'node:stream';
import pino from 'pino';
import type { RowDataPacket } from 'mysql2';
import { buildApp, type AppDeps } from '@yima/bff/src/app';
import { loadConfig, type Config } from '@yima/bff/src/config';
import { createDb, type Db } from '@yima/bff/src/db/pool';
import { prepareDatabase } from '@yima/bff/src/db/setup';
import { createRedis, dataNodes, redisReady, type RedisClient } from '@yima/bff/src/redis';
import { httpServer } from '@yima/bff/src/http/expectContinue';
import { routesFor } from '@yima/shared/contracts/routes';
import type { RouteContract } from '@yima/shared/contracts/routeTypes';
import { contractCheck } from './contractCheck';
import { FakeClock } from './fakeClock';

/** Several checkouts may run their suites on one machine at once: YIMA_TEST_NS suffixes the
 * databases and YIMA_TEST_REDIS names another Redis server (both unset in CI). */
const NS = process.env.YIMA_TEST_NS ? `_${process.env.YIMA_TEST_NS.replace(/[^a-z0-9]/gi, '')}` : '';
export const TEST_REDIS = process.env.YIMA_TEST_REDIS ?? 'redis://127.0.0.1:6379';
/** The integration suite's run against a Redis Cluster (scripts/test.sh starts one:
 * scripts/redis-cluster.sh): its seed nodes, `host:port,…`. A cluster has one database, so
 * the run has the cluster to itself. */
export const TEST_REDIS_CLUSTER = process.env.YIMA_TEST_REDIS_CLUSTER ?? '';
export const testDatabase = (name: string) => `${name}${NS}`;
export const TEST_DB = {
  integration: { mysql: testDatabase('yima_it'), redisDb: 11 },
  e2e: { mysql: testDatabase('yima_e2e'), redisDb: 12 },
  bench: { mysql: testDatabase('yima_bench'), redisDb: 13 },
};

/**
 * Keys made once per test run: tests never depend on a developer's .yima/dev.env. The files of
 * a project share its database and run in separate workers, so the keys derive from one secret
 * the run's global setup makes (`YIMA_TEST_KEY_SEED`, inherited by the workers): a record one
 * file's BFF encrypted is one the next file's can read, as in production, where one city has
 * one key. (Random keys per worker left the e2e database holding names another file's BFF could
 * not decrypt: the grid dashboard answered 500 once two files placed people in one street.)
 */
let keys: Record<'PII_KEY' | 'BLIND_INDEX_KEY' | 'CODE_SIGNING_KEYS' | 'PROVINCIAL_FEEDS' | 'NUCLEIC_ACID_FEEDS' | 'VACCINATION_FEEDS', string> | undefined;
/** Derived on first use (not at import: the global setup imports this module before it shares
 * the seed), then the same for the process. */
function testKeys() {
  if (keys) return keys;
  const seed = Buffer.from(process.env.YIMA_TEST_KEY_SEED ?? randomBytes(32).toString('base64'), 'base64');
  const derived = (purpose: string) => createHmac('sha256', seed).update(purpose).digest().toString('base64');
  keys = {
    PII_KEY: derived('pii'),
    BLIND_INDEX_KEY: derived('blind-index'),
    CODE_SIGNING_KEYS: `1:${derived('code-signing')}`,
    PROVINCIAL_FEEDS: `province:${derived('provincial-feed')}`,
    // Two labs (one of another region) and a vaccination feed; `province` is also a lab's id
    // here, so the kinds' locks and keys are shown not to collide.
    NUCLEIC_ACID_FEEDS: `lab:${derived('nucleic-acid-feed')},province:${derived('nucleic-acid-feed-2')}`,
    VACCINATION_FEEDS: `vaccines:${derived('vaccination-feed')}`,
  };
  return keys;
}

/** Called by each project's global setup before any worker starts: the workers inherit it. */
export function shareTestKeys(): void {
  process.env.YIMA_TEST_KEY_SEED ??= randomBytes(32).toString('base64');
}

/** The BFF connects as an application account of its own, as in production, so the grants
 * are under test too (decision 0015): one account per project (they run side by side), made
 * by the migrations through root. Not a secret: the test server listens on loopback only. */
const TEST_APP_PASSWORD = 'yima-test-app';
export const testAppUser = (which: keyof typeof TEST_DB) => TEST_DB[which].mysql.slice(0, 32);

export function testEnv(which: keyof typeof TEST_DB, extra: Record<string, string> = {}): Record<string, string> {
  return {
    ...testKeys(),
    YIMA_DEV: '1',
    SMS_PROVIDER: 'outbox',
    // Face verification always passes (unless told to fail): registerResident verifies.
    REAL_NAME_PROVIDERS: 'dev',
    MYSQL_URL: `mysql://${testAppUser(which)}:${TEST_APP_PASSWORD}@127.0.0.1:3306/${TEST_DB[which].mysql}`,
    MYSQL_ADMIN_URL: `mysql://root@127.0.0.1:3306/${TEST_DB[which].mysql}`,
    REDIS_URL: `${TEST_REDIS}/${TEST_DB[which].redisDb}`,
    ...(TEST_REDIS_CLUSTER ? { REDIS_CLUSTER_NODES: TEST_REDIS_CLUSTER } : {}),
    // Tests stand in for one proxy of ours that appended each case's own client address to
    // X-Forwarded-For.
    TRUST_PROXY_HOPS: '1',
    LOG_LEVEL: 'info',
    // Tests read the logs: every request gets its line.
    REQUEST_LOG_SAMPLE: '1',
    // Deadlines well above production's: the suites share 2 cores with builds and browsers,
    // and a test must not fail because its own event loop was busy. The stall tests set
    // their own short ones (test/integration/deadlines.test.ts).
    MYSQL_QUERY_TIMEOUT_MS: '5000',
    REDIS_COMMAND_TIMEOUT_MS: '5000',
    // The test Redis has no replica; the replica acknowledgement has its own test, with a
    // master and replica of its own (test/integration/durableAck.test.ts, decision 0031).
    VISIT_ACK: 'write',
    ...extra,
  };
}

export interface TestApp {
  url: string;
  clock: FakeClock;
  config: Config;
  /** The BFF's own pool: the application account, with its limited grants. */
  db: Db;
  /** Root, for what the application may not do (emptying audit tables between tests). */
  adminDb: Db;
  redis: RedisClient;
  /** Every log line the app wrote, as text. */
  logs: string[];
  /** Empties every table (but the migrations' own) and Redis, rewinds the clock, drops
   * in-memory caches. */
  reset(): Promise<void>;
  dropCaches(): void;
  /** What SIGTERM does first (bff/src/shutdown.ts): readiness 503, long polls answered. The
   * app stays "stopping": only for an app of the test's own. */
  beginShutdown(): void;
  /** Writes the visits waiting in the Redis stream now. */
  drainVisits(): Promise<number>;
  /** Waits for work requests started without waiting (visit writes, recorded colour changes). */
  settled(): Promise<void>;
  /** Every method and route pattern the app answers (from its router). */
  routes(): { method: string; path: string }[];
  close(): Promise<void>;
}

export interface TestAppOptions {
  env?: Record<string, string>;
  adapters?: AppDeps['adapters'];
  project?: keyof typeof TEST_DB;
  /** The route contract the answers are checked against; the app's own table unless a test
   * of the check itself brings a broken one. */
  contract?: readonly RouteContract[];
  /** false: the app's background work (the visit drainer, the drift settler, the activity
   * flush) is not started, so a test of a BFF process's own background work sees that
   * process's, not this app's, on the same stores. */
  background?: boolean;
}

export async function startTestApp(options: TestAppOptions = {}): Promise<TestApp> {
  // The in-process app drains on its own thread (VISIT_DRAINER=inline): tests drain and settle
  // it directly; a BFF process (startBffProcess) runs the default, a drainer thread.
  const config = loadConfig({ VISIT_DRAINER: 'inline', ...testEnv(options.project ?? 'integration', options.env) });
  await prepareDatabase(config);
  const db = await createDb(config.mysqlUrl, 5, config.mysqlQueryTimeoutMs);
  const adminDb = await createDb(config.mysqlAdminUrl as string, 1, config.mysqlJobTimeoutMs);
  // Read once the migrations have run, so a new table is emptied without being listed here.
  const [tableRows] = await adminDb.query<RowDataPacket[]>(
    "SELECT TABLE_NAME AS t FROM information_schema.TABLES WHERE TABLE_SCHEMA = DATABASE() AND TABLE_TYPE = 'BASE TABLE' AND TABLE_NAME <> 'schema_migrations'",
  );
  const tables = tableRows.map((r) => String(r.t));
  const redis = createRedis({ url: config.redisUrl, clusterNodes: config.redisClusterNodes }, config.redisCommandTimeoutMs);
  await redisReady(redis);
  const clock = new FakeClock();
  const logs: string[] = [];
  const sink = new Writable({
    write(chunk, _enc, done) {
      logs.push(String(chunk));
      done();
    },
  });
  const logger = pino({ level: 'info' }, sink);
  const { app, internals } = buildApp({ config, db, redis, clock, logger, adapters: options.adapters });
  // Outermost, so it sees each answer as the client gets it (after errorHandler): every
  // integration test then checks the contract of what it calls (contractCheck.ts).
  app.middleware.unshift(contractCheck(options.contract ?? routesFor({ dev: config.dev && config.sms.provider === 'outbox' })));
  if (options.background !== false) internals.start();
  const server: Server = httpServer(app);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    clock,
    config,
    db,
    adminDb,
    redis,
    logs,
    dropCaches: internals.dropCaches,
    drainVisits: internals.drainVisits,
    beginShutdown: internals.beginShutdown,
    settled: internals.settled,
    routes: internals.routes,
    async reset() {
      // The schema has no foreign keys, so any order will do.
      for (const table of tables) await adminDb.query(`DELETE FROM \`${table}\``);
      await Promise.all(dataNodes(redis).map((node) => node.flushdb()));
      clock.reset();
      internals.dropCaches();
      logs.length = 0;
    },
    async close() {
      server.closeAllConnections();
      await new Promise((resolve) => server.close(resolve));
      await internals.close();
      await Promise.all([db.end(), adminDb.end()]);
      redis.disconnect();
    },
  };
}
