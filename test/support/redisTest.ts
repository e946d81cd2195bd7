/**
 * Redis for tests that need more than the test app's client: on one server (a DB of its own)
 * or on the suite's Redis Cluster (YIMA_TEST_REDIS_CLUSTER; one database, so such tests keep
 * apart by key names instead).
 */
import { createRedis, dataNodes, redisReady, type RedisClient } from '@yima/bff/src/redis';
import type { VisitStreamKeys } from '@yima/bff/src/features/visits';
import { TEST_REDIS, TEST_REDIS_CLUSTER } from './testApp';

export const onCluster = TEST_REDIS_CLUSTER !== '';

export const clusterNodes = TEST_REDIS_CLUSTER.split(',')
  .filter(Boolean)
  .map((hp) => ({ host: hp.slice(0, hp.lastIndexOf(':')), port: Number(hp.slice(hp.lastIndexOf(':') + 1)) }));

/** A client of the test Redis: DB `db` of the server, or the cluster. */
export async function testRedis(db: number, commandTimeoutMs = 5000): Promise<RedisClient> {
  const redis = createRedis({ url: `${TEST_REDIS}/${db}`, clusterNodes }, commandTimeoutMs);
  await redisReady(redis);
  return redis;
}

/** Every key matching `pattern`, on every node (KEYS asks one node only). */
export async function keysMatching(redis: RedisClient, pattern: string): Promise<string[]> {
  return (await Promise.all(dataNodes(redis).map((node) => node.keys(pattern)))).flat();
}

/** Deletes each key on its own (keys of several slots cannot go in one DEL on a cluster). */
export async function deleteKeys(redis: RedisClient, keys: string[]): Promise<void> {
  await Promise.all(keys.map((key) => redis.del(key)));
}

/** Visit streams no test app's drainer reads (`yima:test:…`), emptied: for tests that drive a
 * visit log of their own, which the app's drainer must not empty first. */
export async function isolatedVisitStreams(redis: RedisClient): Promise<VisitStreamKeys> {
  const keys: VisitStreamKeys = { stream: (shard) => `yima:test:visits:${shard}`, shardCount: 'yima:test:visits:shards' };
  await deleteKeys(redis, [keys.shardCount, ...Array.from({ length: 64 }, (_, shard) => keys.stream(shard))]);
  return keys;
}
