/**
 * Sessions: an opaque random token for the client; Redis keeps only its SHA-256, so a
 * Redis dump holds no usable tokens. Expiry is checked against our clock as well as by
 * the key's TTL; logout deletes the key.
 */
import { createHash, randomBytes } from 'node:crypto';
import type { Redis } from 'ioredis';
import type { LoginMethod } from '@yima/shared';
import type { Clock } from '../../clock';
import { redisKeys } from '../../redisKeys';

export interface Session {
  userId: string;
  method: LoginMethod;
  expiresAt: string;
  tokenHash: string;
}

export interface SessionStore {
  open(userId: string, method: LoginMethod): Promise<{ token: string; expiresAt: string }>;
  resolve(token: string): Promise<Session | null>;
  revoke(tokenHash: string): Promise<void>;
}

export const hashToken = (token: string) => createHash('sha256').update(token).digest('hex');

export function createSessionStore(redis: Redis, clock: Clock, ttlSeconds: number): SessionStore {
  return {
    async open(userId, method) {
      const token = randomBytes(32).toString('base64url');
      const expiresAt = new Date(clock.now().getTime() + ttlSeconds * 1000).toISOString();
      await redis.set(redisKeys.session(hashToken(token)), JSON.stringify({ userId, method, expiresAt }), 'EX', ttlSeconds);
      return { token, expiresAt };
    },
    async resolve(token) {
      if (!/^[A-Za-z0-9_-]{43}$/.test(token)) return null;
      const tokenHash = hashToken(token);
      const raw = await redis.get(redisKeys.session(tokenHash));
      if (!raw) return null;
      const stored = JSON.parse(raw) as Omit<Session, 'tokenHash'>;
      if (Date.parse(stored.expiresAt) <= clock.now().getTime()) {
        await redis.del(redisKeys.session(tokenHash));
        return null;
      }
      return { ...stored, tokenHash };
    },
    async revoke(tokenHash) {
      await redis.del(redisKeys.session(tokenHash));
    },
  };
}
