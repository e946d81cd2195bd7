/**
 * Tells every BFF process that something it may have cached changed: a user's code state
 * (check-in, registration, a new mark…) or a session (logout). Redis pub/sub on a second
 * connection. Pub/sub delivers at most once, so a process that loses its subscription
 * clears all its caches, and every cached entry also has a short time limit.
 */
import { randomBytes } from 'node:crypto';
import { blockingConnection, type RedisClient } from '../redis';
import type { Logger } from 'pino';

const CHANNEL = 'yima:invalidate';

export type Invalidation =
  | { kind: 'state'; userId: string }
  | { kind: 'states'; userIds: string[] }
  | { kind: 'session'; tokenHash: string }
  /** An account's roles changed (a grant, a revocation): scanners' grant caches drop it, so a
   * revoked guard is refused by every process at once, not after the cache's 10 s. */
  | { kind: 'grants'; userId: string }
  /** A place changed (deactivated, rotating codes, its test requirement). */
  | { kind: 'place'; venueId: string }
  /** Risk areas were declared or ended: every process reloads its list before its next answer. */
  | { kind: 'riskAreas' };

/** The users whose code state a message invalidates. */
export const usersOf = (m: Invalidation): string[] => (m.kind === 'state' ? [m.userId] : m.kind === 'states' ? m.userIds : []);

export interface InvalidationBus {
  /** Applies locally at once, then tells the other processes. */
  publish(message: Invalidation): Promise<void>;
  close(): Promise<void>;
}

/** Tells every BFF process from a process that keeps no caches itself (the admin command
 * line). */
export async function announce(redis: RedisClient, message: Invalidation): Promise<void> {
  await redis.publish(CHANNEL, JSON.stringify(message));
}

export function createInvalidationBus(redis: RedisClient, logger: Logger, handlers: { apply(m: Invalidation): void; clearAll(): void }): InvalidationBus {
  // A subscriber waits for messages by design: no command deadline (redis.ts).
  const subscriber = blockingConnection(redis);
  // A process hears its own messages too, and has applied them already (publish). Applied
  // again on arrival, the echo woke the long polls a second time with "changed": on one
  // server it came back within a millisecond, before any new poll; on a cluster (relayed
  // between nodes) it came back after the next poll had opened (decision 0030).
  const origin = randomBytes(8).toString('hex');
  subscriber.on('message', (_channel: string, raw: string) => {
    try {
      const { from, ...message } = JSON.parse(raw) as Invalidation & { from?: string };
      if (from !== origin) handlers.apply(message as Invalidation);
    } catch {
      handlers.clearAll();
    }
  });
  // Messages sent while we were not subscribed are lost: forget everything instead.
  subscriber.on('ready', () => handlers.clearAll());
  subscriber.on('close', () => handlers.clearAll());
  subscriber.on('error', (err: Error) => logger.warn({ reason: err.message }, 'invalidation subscriber error'));
  void subscriber.subscribe(CHANNEL).catch((err: Error) => logger.warn({ reason: err.message }, 'invalidation subscribe failed'));
  return {
    async publish(message) {
      handlers.apply(message);
      await redis.publish(CHANNEL, JSON.stringify({ ...message, from: origin }));
    },
    async close() {
      subscriber.disconnect();
    },
  };
}
