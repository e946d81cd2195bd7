/** The Redis client. Commands fail fast while Redis is unreachable (no offline queue), so
 * a request gets a clear 503 instead of hanging until the client reconnects; and every
 * command has a deadline (`commandTimeoutMs`), because a *stalled* Redis (SIGSTOP, a
 * saturated host) keeps the socket open and would otherwise hold every request for as long
 * as it stalls (docs/decisions/0027). */
import { Cluster, Redis, type RedisOptions } from 'ioredis';

/** One Redis server or a Redis Cluster (REDIS_CLUSTER_NODES, docs/decisions/0030): both take
 * the same commands. On a cluster every multi-key command (MGET, MULTI, a script) must name
 * keys of one slot: redisKeys.ts gives a user's keys one hash tag. */
export type RedisClient = Redis | Cluster;

export interface RedisTarget {
  url: string;
  /** Seed nodes of a Redis Cluster; empty for one server at `url`. */
  clusterNodes: readonly { host: string; port: number }[];
}

/** For connections that block on purpose (a subscriber, XREADGROUP BLOCK): a duplicate
 * would copy the request client's deadline, which such a command outlives by design. */
const BLOCKING: RedisOptions = { enableAutoPipelining: false, enableOfflineQueue: true, commandTimeout: undefined };

export function createRedis(target: RedisTarget, commandTimeoutMs: number): RedisClient {
  // Auto-pipelining sends the commands of one event-loop turn in one write: under load that
  // saves a syscall per command, which on these machines costs as much as the command.
  // A command that timed out stays in ioredis's queue and takes its late reply when Redis
  // resumes, so the replies stay in step with the commands (unlike mysql2: db/deadlinePool.ts).
  const options: RedisOptions = { maxRetriesPerRequest: 1, connectTimeout: 2000, commandTimeout: commandTimeoutMs };
  if (target.clusterNodes.length) {
    // A cluster client groups auto-pipelined commands per node. Reads go to masters: a
    // replica may lag behind a write the same request just made (a session, a claim).
    return new Cluster([...target.clusterNodes], {
      enableAutoPipelining: true,
      enableOfflineQueue: false,
      scaleReads: 'master',
      redisOptions: options,
    });
  }
  return new Redis(target.url, { ...options, enableOfflineQueue: false, lazyConnect: false, enableAutoPipelining: true });
}

/** A connection of its own for a command that blocks (XREADGROUP BLOCK, SUBSCRIBE), without
 * the request path's deadline. */
export function blockingConnection(redis: RedisClient): RedisClient {
  if (redis instanceof Cluster)
    return redis.duplicate(undefined, {
      enableOfflineQueue: true,
      enableAutoPipelining: false,
      redisOptions: { ...redis.options.redisOptions, commandTimeout: undefined },
    });
  return redis.duplicate(BLOCKING);
}

/** The servers holding data: the one server, or every master of a cluster (flushes in tests,
 * persistence checks). */
export function dataNodes(redis: RedisClient): Redis[] {
  return redis instanceof Cluster ? redis.nodes('master') : [redis];
}

/** Resolves once the client is connected (the offline queue is off, so wait for it). */
export async function redisReady(redis: RedisClient, timeoutMs = 5000): Promise<void> {
  if (redis.status === 'ready') return;
  await new Promise<void>((resolve, reject) => {
    const onReady = () => {
      clearTimeout(timer);
      resolve();
    };
    // The listener goes with the timeout: a caller that asks again each second (the visit
    // drainer thread while Redis is away) would otherwise pile them up.
    const timer = setTimeout(() => {
      redis.off('ready', onReady);
      reject(new Error(`Redis not ready within ${timeoutMs} ms`));
    }, timeoutMs);
    redis.once('ready', onReady);
  });
}

/** Whether Redis keeps its data across a restart (an append-only file or snapshots). Without
 * either, a restarted Redis has logged every resident out (decision 0028): server.ts warns. */
export async function redisPersistent(redis: RedisClient): Promise<boolean> {
  const answers = await Promise.all(dataNodes(redis).map(nodePersistent));
  return answers.every(Boolean);
}

async function nodePersistent(redis: Redis): Promise<boolean> {
  const info = await redis.info('persistence');
  const field = (name: string) => new RegExp(`^${name}:(.*)$`, 'm').exec(info)?.[1]?.trim();
  if (field('aof_enabled') === '1') return true;
  const saves = await redis.config('GET', 'save').catch(() => null);
  return Array.isArray(saves) && typeof saves[1] === 'string' && saves[1].trim() !== '';
}
