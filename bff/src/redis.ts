/** The Redis client. Commands fail fast while Redis is unreachable (no offline queue), so
 * a request gets a clear 503 instead of hanging until the client reconnects; and every
 * command has a deadline (`commandTimeoutMs`), because a *stalled* Redis (SIGSTOP, a
 * saturated host) keeps the socket open and would otherwise hold every request for as long
 * as it stalls (docs/decisions/0027). */
import { Redis } from 'ioredis';

/** For connections that block on purpose (a subscriber, XREADGROUP BLOCK): `duplicate()`
 * copies the request client's deadline, which such a command outlives by design. */
export const NO_COMMAND_TIMEOUT = { commandTimeout: undefined } as const;

export function createRedis(url: string, commandTimeoutMs: number): Redis {
  // Auto-pipelining sends the commands of one event-loop turn in one write: under load that
  // saves a syscall per command, which on these machines costs as much as the command.
  // A command that timed out stays in ioredis's queue and takes its late reply when Redis
  // resumes, so the replies stay in step with the commands (unlike mysql2: db/deadlinePool.ts).
  return new Redis(url, {
    maxRetriesPerRequest: 1,
    enableOfflineQueue: false,
    connectTimeout: 2000,
    lazyConnect: false,
    enableAutoPipelining: true,
    commandTimeout: commandTimeoutMs,
  });
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

/** Whether Redis keeps its data across a restart (an append-only file or snapshots). Without
 * either, a restarted Redis has logged every resident out (decision 0028): server.ts warns. */
export async function redisPersistent(redis: Redis): Promise<boolean> {
  const info = await redis.info('persistence');
  const field = (name: string) => new RegExp(`^${name}:(.*)$`, 'm').exec(info)?.[1]?.trim();
  if (field('aof_enabled') === '1') return true;
  const saves = await redis.config('GET', 'save').catch(() => null);
  return Array.isArray(saves) && typeof saves[1] === 'string' && saves[1].trim() !== '';
}
