/**
 * A WeChat/Alipay identity not yet tied to a phone gets a short-lived ticket; presenting it
 * with a successful SMS or simple login ties the two. Stored hashed, single use.
 */
import { randomBytes } from 'node:crypto';
import type { RedisClient } from '../../redis';
import type { Clock } from '../../clock';
import { LINK_TICKET_TTL_SECONDS, redisKeys } from '../../redisKeys';
import { hashToken } from './sessions';

export interface PlatformIdentity {
  platform: 'wechat' | 'alipay';
  subject: string;
}

export interface LinkTicketStore {
  issue(identity: PlatformIdentity): Promise<{ linkTicket: string; expiresAt: string }>;
  peek(ticket: string): Promise<PlatformIdentity | null>;
  take(ticket: string): Promise<PlatformIdentity | null>;
}

export function createLinkTicketStore(redis: RedisClient, clock: Clock): LinkTicketStore {
  const key = (ticket: string) => redisKeys.linkTicket(hashToken(ticket));
  return {
    async issue(identity) {
      const linkTicket = randomBytes(24).toString('base64url');
      await redis.set(key(linkTicket), JSON.stringify(identity), 'EX', LINK_TICKET_TTL_SECONDS);
      return { linkTicket, expiresAt: new Date(clock.now().getTime() + LINK_TICKET_TTL_SECONDS * 1000).toISOString() };
    },
    async peek(ticket) {
      const raw = await redis.get(key(ticket));
      return raw ? (JSON.parse(raw) as PlatformIdentity) : null;
    },
    async take(ticket) {
      const raw = await redis.getdel(key(ticket));
      return raw ? (JSON.parse(raw) as PlatformIdentity) : null;
    },
  };
}
