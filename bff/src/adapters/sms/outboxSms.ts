/**
 * Dev/test SMS provider: "sends" by keeping the message in Redis, where the dev-only route
 * GET /api/dev/sms-outbox reads it. Refused by config unless YIMA_DEV=1.
 */
import type { RedisClient } from '../../redis';
import type { Clock } from '../../clock';
import type { Pii } from '../../crypto/pii';
import { OUTBOX_KEEP, OUTBOX_TTL_SECONDS, redisKeys } from '../../redisKeys';
import { loginCodeText } from '../../texts';
import type { SmsProvider } from './smsProvider';

export interface OutboxMessage {
  text: string;
  sentAt: string;
}

export function createOutboxSms(redis: RedisClient, pii: Pii, clock: Clock): SmsProvider & { read(phone: string): Promise<OutboxMessage[]> } {
  const key = (phone: string) => redisKeys.devOutbox(pii.blindIndexHex('phone', phone));
  return {
    name: 'outbox',
    async sendLoginCode(phone, code, validMinutes) {
      const message: OutboxMessage = { text: loginCodeText(code, validMinutes), sentAt: clock.now().toISOString() };
      await redis
        .multi()
        .lpush(key(phone), JSON.stringify(message))
        .ltrim(key(phone), 0, OUTBOX_KEEP - 1)
        .expire(key(phone), OUTBOX_TTL_SECONDS)
        .exec();
    },
    async read(phone) {
      const items = await redis.lrange(key(phone), 0, OUTBOX_KEEP - 1);
      return items.map((s) => JSON.parse(s) as OutboxMessage);
    },
  };
}
