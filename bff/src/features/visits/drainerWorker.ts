/**
 * The visit drainer in a worker thread of its own (drainerThread.ts, decision 0032): the same
 * drainer as on the request thread (visitLog.ts), with its own MySQL pool and Redis client, so
 * that writing a city's visits to MySQL does not take turns with answering scans on one event
 * loop. It stops when the main thread says so (shutdown): what it holds stays pending in
 * Redis for the next drainer, as before.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { createDb } from '../../db/pool';
import { createLogger } from '../../logger';
import { createRedis, redisReady } from '../../redis';
import { createVisitLog } from './visitLog';
import type { DrainerSettings } from './drainerThread';

const settings = workerData as DrainerSettings;
const port = parentPort!;
const logger = createLogger(settings.logLevel).child({ thread: 'visit-drainer' });

async function main(): Promise<void> {
  // Two connections: one batch at a time per stream, and the stream count is small.
  const pool = await createDb(settings.mysqlUrl, 2, settings.mysqlQueryTimeoutMs);
  const db = pool.withDeadline(settings.mysqlJobTimeoutMs);
  const redis = createRedis({ url: settings.redisUrl, clusterNodes: settings.redisClusterNodes }, settings.redisCommandTimeoutMs);
  const log = createVisitLog({ redis, db, logger, claimIdleMs: settings.claimIdleMs, shards: settings.streamShards });
  let stopping = false;
  port.on('message', (m: { type: string }) => {
    if (m.type !== 'stop') return;
    stopping = true;
    void (async () => {
      await log.stop();
      await Promise.allSettled([pool.end(), redis.quit()]);
      logger.flush();
      port.postMessage({ type: 'stopped' });
    })();
  });
  // Its Redis client queues nothing while disconnected (redis.ts), so it waits to be connected;
  // a drainer that cannot start yet (Redis away) tries again each second until it can or is
  // stopped: meanwhile the streams keep the visits.
  for (let attempt = 1; !stopping; attempt++) {
    try {
      await redisReady(redis);
      await log.start();
      break;
    } catch (err) {
      if (attempt === 1) logger.error({ reason: (err as Error).message }, 'visit drainer did not start: trying again each second');
      await new Promise((resolve) => setTimeout(resolve, 1000));
    }
  }
  port.postMessage({ type: 'started' });
}

main().catch((err: Error) => {
  logger.error({ reason: err.message }, 'visit drainer thread failed');
  logger.flush();
  process.exit(1);
});
