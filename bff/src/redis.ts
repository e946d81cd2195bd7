/** The Redis client. Commands fail fast while Redis is unreachable (no offline queue), so
 * a request gets a clear 503 instead of hanging until the client reconnects. */
import { Redis } from 'ioredis';

export function createRedis(url: string): Redis {
  // Auto-pipelining sends the commands of one event-loop turn in one write: under load that
  // saves a syscall per command, which on these machines costs as much as the command.
  return new Redis(url, { maxRetriesPerRequest: 1, enableOfflineQueue: false, connectTimeout: 2000, lazyConnect: false, enableAutoPipelining: true });
}

/** Resolves once the client is connected (the offline queue is off, so wait for it). */
export async function redisReady(redis: Redis, timeoutMs = 5000): Promise<void> {
  if (redis.status === 'ready') return;
  await new Promise<void>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`Redis not ready within ${timeoutMs} ms`)), timeoutMs);
    redis.once('ready', () => {
      clearTimeout(timer);
      resolve();
    });
  });
}
