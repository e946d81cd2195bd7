/**
 * What the code page needs about a person, cached in Redis so the page people open dozens
 * of times a day costs one Redis round trip (with the session) and no SQL. Written through
 * on every change (check-in, registration, language) by deleting it; rebuilt on the next read.
 * The cached names are already masked: nothing decrypted is kept in Redis.
 */
import type { Redis } from 'ioredis';
import { maskIdNumber, maskName, type CheckinRequest, type Locale } from '@yima/shared';
import type { Pii } from '../../crypto/pii';
import { CODE_STATE_TTL_SECONDS, redisKeys } from '../../redisKeys';
import type { CheckinsRepo } from '../checkins/checkinsRepo';
import type { UsersRepo } from '../identity/usersRepo';

export interface CodeState {
  userId: string;
  /** Null until real-name registration. */
  personId: string | null;
  holderId: string | null;
  name: string | null;
  idNumber: string | null;
  locale: Locale;
  checkin: { answers: CheckinRequest; checkedInAt: string } | null;
}

export interface CodeStateStore {
  /** Loads from MySQL and caches. */
  rebuild(userId: string): Promise<CodeState | null>;
  invalidate(userId: string): Promise<void>;
  parse(raw: string): CodeState;
}

export function createCodeStateStore(d: { redis: Redis; users: UsersRepo; checkins: CheckinsRepo; pii: Pii }): CodeStateStore {
  return {
    async rebuild(userId) {
      const user = await d.users.findById(userId);
      if (!user) return null;
      const latest = user.personId ? await d.checkins.latest(user.personId) : null;
      const state: CodeState = {
        userId,
        personId: user.personId,
        holderId: user.holderId,
        name: user.nameEnc ? maskName(d.pii.decrypt('name', user.nameEnc)) : null,
        idNumber: user.idNumberEnc ? maskIdNumber(d.pii.decrypt('id_number', user.idNumberEnc)) : null,
        locale: user.locale,
        checkin: latest ? { answers: latest.answers, checkedInAt: latest.checkedInAt.toISOString() } : null,
      };
      await d.redis.set(redisKeys.codeStatePrefix + userId, JSON.stringify(state), 'EX', CODE_STATE_TTL_SECONDS);
      return state;
    },
    async invalidate(userId) {
      await d.redis.del(redisKeys.codeStatePrefix + userId);
    },
    parse: (raw) => JSON.parse(raw) as CodeState,
  };
}
