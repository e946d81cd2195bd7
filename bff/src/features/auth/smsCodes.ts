/**
 * One-time SMS login codes: 6 digits, valid 5 minutes, single use, burnt after 5 wrong
 * tries. Kept in Redis as a keyed hash (the code itself is never stored) with the issue
 * time from our clock, and checked by one Lua script so two concurrent tries can't both
 * pass or both be counted wrong once.
 */
import { randomInt } from 'node:crypto';
import type { RedisClient } from '../../redis';
import type { Clock } from '../../clock';
import type { Pii } from '../../crypto/pii';
import { SMS_CODE_MAX_WRONG, SMS_CODE_TTL_SECONDS, redisKeys } from '../../redisKeys';

export type CodeCheck = { result: 'ok' } | { result: 'wrong'; triesLeft: number } | { result: 'burnt' } | { result: 'missing' } | { result: 'expired' };

const CHECK_SCRIPT = `
local h = redis.call('HMGET', KEYS[1], 'hash', 'issuedAt')
if not h[1] then return {'missing', 0} end
if tonumber(ARGV[2]) - tonumber(h[2]) >= tonumber(ARGV[3]) then
  redis.call('DEL', KEYS[1])
  return {'expired', 0}
end
if h[1] == ARGV[1] then
  redis.call('DEL', KEYS[1])
  return {'ok', 0}
end
local wrong = redis.call('HINCRBY', KEYS[1], 'wrong', 1)
if wrong >= tonumber(ARGV[4]) then
  redis.call('DEL', KEYS[1])
  return {'burnt', 0}
end
return {'wrong', tonumber(ARGV[4]) - wrong}
`;

export interface SmsCodeStore {
  /** Makes a fresh code for the phone (replacing any earlier one) and returns it. */
  issue(phone: string): Promise<string>;
  /** Forgets the phone's code, e.g. when the provider could not deliver it. */
  discard(phone: string): Promise<void>;
  check(phone: string, candidate: string): Promise<CodeCheck>;
}

export function createSmsCodeStore(redis: RedisClient, pii: Pii, clock: Clock): SmsCodeStore {
  const key = (phone: string) => redisKeys.smsCode(pii.blindIndexHex('phone', phone));
  const digest = (phone: string, code: string) => pii.keyedHash('sms-code', `${phone}:${code}`);
  return {
    async issue(phone) {
      const code = String(randomInt(0, 1_000_000)).padStart(6, '0');
      await redis
        .multi()
        .del(key(phone))
        .hset(key(phone), { hash: digest(phone, code), issuedAt: String(clock.now().getTime()), wrong: '0' })
        .expire(key(phone), SMS_CODE_TTL_SECONDS)
        .exec();
      return code;
    },
    async discard(phone) {
      await redis.del(key(phone));
    },
    async check(phone, candidate) {
      const [result, triesLeft] = (await redis.eval(
        CHECK_SCRIPT,
        1,
        key(phone),
        digest(phone, candidate),
        String(clock.now().getTime()),
        String(SMS_CODE_TTL_SECONDS * 1000),
        String(SMS_CODE_MAX_WRONG),
      )) as [CodeCheck['result'], number];
      return result === 'wrong' ? { result, triesLeft } : ({ result } as CodeCheck);
    },
  };
}
