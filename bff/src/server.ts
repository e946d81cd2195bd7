/**
 * Starts the BFF: config from the environment, migrations and grants (as the admin account),
 * then listen (as the application account). With BFF_WORKERS > 1 the process that migrated
 * becomes a node:cluster primary (cluster.ts) and its workers run the rest of this file
 * (decision 0029). On SIGTERM/SIGINT: shutdown.ts (readiness 503,
 * long polls answered, requests in flight finish within SHUTDOWN_TIMEOUT_MS, then MySQL and Redis close, exit 0).
 */
import cluster from 'node:cluster';
import { buildApp } from './app';
import { runPrimary, workerHeader } from './cluster';
import { systemClock } from './clock';
import { scheduleRetention } from './features/visits';
import { createStatsRepo, scheduleStatsRetention } from './features/stats';
import { ConfigError, loadConfig } from './config';
import { createDb } from './db/pool';
import { prepareDatabase } from './db/setup';
import { createLogger } from './logger';
import { createRedis, redisPersistent, redisReady } from './redis';
import { connectedReplicas } from './features/visits';
import { httpServer } from './http/expectContinue';
import { installShutdown } from './shutdown';

async function main() {
  let config;
  try {
    config = loadConfig(process.env);
  } catch (err) {
    if (err instanceof ConfigError) {
      console.error(err.message);
      process.exit(1);
    }
    throw err;
  }
  const logger = createLogger(config.logLevel);
  // Workers of a cluster: the primary migrated once before forking them.
  if (cluster.isPrimary) {
    const { applied, grantsEnforced } = await prepareDatabase(config);
    if (applied.length) logger.info({ applied }, 'migrations applied');
    if (!grantsEnforced)
      logger.warn(
        'MYSQL_ADMIN_URL is not set: the BFF migrates and queries as one account, so the audit tables are append-only by convention only (docs/decisions/0015)',
      );
    if (config.workers > 1) return runPrimary(config.workers, logger);
  }
  const db = await createDb(config.mysqlUrl, config.mysqlPoolSize, config.mysqlQueryTimeoutMs);
  const jobDb = db.withDeadline(config.mysqlJobTimeoutMs);
  const redis = createRedis({ url: config.redisUrl, clusterNodes: config.redisClusterNodes }, config.redisCommandTimeoutMs);
  await redisReady(redis);
  if (!(await redisPersistent(redis).catch(() => true)))
    logger.warn('Redis keeps no append-only file or snapshot: a Redis restart logs every resident out (scripts/redis.conf, docs/decisions/0028)');
  if (config.venues.ack.mode === 'replica') {
    const replicas = await connectedReplicas(redis).catch(() => null);
    if (replicas !== null && replicas < config.venues.ack.replicas)
      logger.error(
        { replicas, wanted: config.venues.ack.replicas },
        'VISIT_ACK=replica but Redis has fewer connected replicas than VISIT_ACK_REPLICAS: every visit will be answered 503 NOT_REPLICATED until they connect (a Redis without replica: set VISIT_ACK=write; docs/decisions/0031)',
      );
  }

  const { app, internals } = buildApp({ config, db, redis, logger });
  internals.start();
  const stopRetention = scheduleRetention({ db: jobDb, clock: systemClock, retentionDays: config.venues.retentionDays, logger });
  const stopStatsRetention = scheduleStatsRetention({ repo: createStatsRepo(jobDb), clock: systemClock, logger });
  const server = httpServer(app, workerHeader(config.dev));
  server.listen(config.port, config.host, () => {
    const address = server.address();
    const port = typeof address === 'object' && address ? address.port : config.port;
    logger.info({ host: config.host, port, dev: config.dev, sms: config.sms.provider }, 'yima BFF listening');
    logger.flush(); // the start line should not wait for the buffer to fill
  });

  installShutdown({
    server,
    logger,
    beginShutdown: internals.beginShutdown,
    boundMs: config.shutdownTimeoutMs,
    close: async () => {
      stopRetention();
      stopStatsRetention();
      // The drainer stops first (what it holds stays pending in Redis for the next process);
      // the people who showed their code in the last seconds are written (features/stats).
      await internals.close().catch(() => undefined);
      await Promise.allSettled([db.end(), redis.quit()]);
    },
  });
}

main().catch((err) => {
  console.error('yima BFF failed to start:', err instanceof Error ? err.message : err);
  process.exit(1);
});
