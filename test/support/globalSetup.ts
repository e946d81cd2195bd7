/** Each test run starts from an empty database and an empty Redis DB, so schema changes
 * apply and no run sees the rows, sessions or rate-limit counters of another (the per-IP SMS
 * limit would otherwise carry over between runs on one machine). One entry per vitest
 * project, each emptying only its own. */
import mysql from 'mysql2/promise';
import { createRedis, dataNodes, redisReady } from '@yima/bff/src/redis';
import { TEST_DB, TEST_REDIS, TEST_REDIS_CLUSTER } from './testApp';

export async function dropTestDatabase(which: keyof typeof TEST_DB): Promise<void> {
  const conn = await mysql.createConnection({ host: '127.0.0.1', port: 3306, user: 'root' });
  try {
    await conn.query(`DROP DATABASE IF EXISTS \`${TEST_DB[which].mysql}\``);
  } finally {
    await conn.end();
  }
  const clusterNodes = TEST_REDIS_CLUSTER.split(',')
    .filter(Boolean)
    .map((hp) => ({ host: hp.slice(0, hp.lastIndexOf(':')), port: Number(hp.slice(hp.lastIndexOf(':') + 1)) }));
  const redis = createRedis({ url: `${TEST_REDIS}/${TEST_DB[which].redisDb}`, clusterNodes }, 10_000);
  try {
    await redisReady(redis, 10_000);
    await Promise.all(dataNodes(redis).map((node) => node.flushdb()));
  } finally {
    redis.disconnect();
  }
}
