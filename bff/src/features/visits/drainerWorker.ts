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
// Written as it happens: this thread logs rarely (a drainer that cannot start, a failed
// round), and a buffered line could sit unseen through the outage it reports.
const logger = createLogger(settings.logLevel, { sync: true }).child({ thread: 'visit-drainer' });

async function main(): Promise<void> {
  const pool = await createDb(settings.mysqlUrl, settings.mysqlPoolSize, settings.mysqlQueryTimeoutMs);
  const db = pool.withDeadline(settings.mysqlJobTimeoutMs);
  const redis = createRedis({ url: settings.redisUrl, clusterNodes: settings.redisClusterNodes }, settings.redisCommandTimeoutMs);
  const log = createVisitLog({ redis, db, logger, claimIdleMs: settings.claimIdleMs, shards: settings.streamShards, consumer: settings.consumer });
  let stopping = false;

  // Its Redis client queues nothing while disconnected (redis.ts), so it waits to be connected;
  // a drainer that cannot start yet (Redis away) tries again each second until it can or is
  // stopped: meanwhile the streams keep the visits.
  const startup = (async () => {
    for (let attempt = 1; !stopping; attempt++) {
      try {
        await redisReady(redis, 1000);
        await log.start();
        return;
      } catch (err) {
        if (attempt === 1) logger.error({ reason: (err as Error).message }, 'visit drainer did not start: trying again each second');
        await new Promise((resolve) => setTimeout(resolve, 1000));
      }
    }
  })();

  port.on('message', (m: { type: string }) => {
    if (m.type !== 'stop') return;
    stopping = true;
    void (async () => {
      // A start under way finishes first, so that what it started is stopped too.
      await startup;
      await log.stop();
      await Promise.allSettled([pool.end(), redis.quit()]);
      port.postMessage({ type: 'stopped' });
    })();
  });
}

main().catch((err: Error) => {
  logger.error({ reason: err.message }, 'visit drainer thread failed');
  process.exit(1);
});
