/**
 * What the code page needs about a person, cached so the page people open dozens of times
 * a day costs no SQL: in Redis (shared by all BFF processes) and, briefly, in each process.
 *
 * Every change (check-in, registration) bumps a version in Redis, deletes the
 * cached state and announces it on the invalidation bus. A state is trusted only if it
 * carries the current version, so a rebuild that raced with a change (read the database
 * before the change, wrote Redis after it) is recognised as stale and rebuilt again.
 * The cached names are already masked: nothing decrypted is kept in Redis or memory.
 */
import type { RedisClient } from '../../redis';
import { maskIdNumber, maskName, type CheckinRequest, type Color, type ConversionRequestView, type HealthSummary } from '@yima/shared';
import type { InvalidationBus } from '../../cache/invalidationBus';
import type { Pii } from '../../crypto/pii';
import { CODE_STATE_TTL_SECONDS, CODE_STATE_VERSION_TTL_SECONDS, redisKeys } from '../../redisKeys';
import type { Restriction, UsersRepo } from '../identity';
import type { StoredHold } from './merge';
import { storedSources, type PersonSources, type StoredSource } from './sources';

export interface CodeState {
  userId: string;
  version: number;
  /** Null until real-name registration. */
  personId: string | null;
  holderId: string | null;
  name: string | null;
  idNumber: string | null;
  checkin: { answers: CheckinRequest; checkedInAt: string; byRelative?: boolean; converted?: boolean } | null;
  /** What check-ins hold (colourTransitions.ts): loaded with the state when it is rebuilt, so
   * the code page reads no more per request. Absent in states cached before holds existed. */
  hold?: StoredHold | null;
  /** Hex of the ID-number blind index: the key of the person's other sources and history. */
  idHash: string | null;
  /** Provincial state and authority marks (the check-in is evaluated per request). */
  sources: StoredSource[];
  /** The colour the person's history ends on. */
  recordedColor: Color | null;
  /** Unverified, and the record holds what others reported (docs/decisions/0008): the state
   * then carries none of it (no sources, no check-in) and the code is grey. */
  restricted?: boolean;
  /** The person's latest conversion request (decision 0022), cached with the state so the code
   * page reads nothing more; absent in states cached before requests existed (none). */
  conversion?: ConversionRequestView | null;
  /** The latest nucleic-acid round and the doses (decision 0026), cached likewise; absent in
   * states cached before the feeds existed (none shown). */
  health?: HealthSummary | null;
}

/** The one builder of a code state: from an account (or, for a relative, a person record),
 * their masked name and ID number, and their sources (null when there are none to show). */
export function codeStateOf(a: {
  userId: string;
  version: number;
  personId: string | null;
  holderId: string | null;
  name: string | null;
  idNumber: string | null;
  idHash: Buffer | null;
  person: PersonSources | null;
  restricted?: boolean;
  conversion?: ConversionRequestView | null;
  health?: HealthSummary | null;
}): CodeState {
  const checkin = a.person?.checkin;
  const hold = a.person?.hold;
  return {
    userId: a.userId,
    version: a.version,
    personId: a.personId,
    holderId: a.holderId,
    name: a.name,
    idNumber: a.idNumber,
    checkin: checkin
      ? {
          answers: checkin.answers,
          checkedInAt: checkin.checkedInAt.toISOString(),
          byRelative: checkin.byRelative,
          ...(checkin.converted ? { converted: true } : {}),
        }
      : null,
    hold: hold ? { ...hold, since: hold.since.toISOString() } : null,
    idHash: a.idHash ? a.idHash.toString('hex') : null,
    sources: a.person ? storedSources(a.person) : [],
    recordedColor: a.person?.recordedColor ?? null,
    ...(a.restricted ? { restricted: true } : {}),
    conversion: a.restricted ? null : (a.conversion ?? null),
    health: a.restricted ? null : (a.health ?? null),
  };
}

export interface CodeStateStore {
  /** The Redis keys to read with the session: [state, version] (a SessionPrefetch). */
  keysFor(userId: string): string[];
  /** The cached state from those two values, or null when missing or out of date. */
  fromCache(values: (string | null)[]): CodeState | null;
  /** Loads from MySQL and caches under `version` (read before the load began). */
  rebuild(userId: string, version: number): Promise<CodeState | null>;
  /** After any change to what a user's code shows. */
  invalidate(userId: string): Promise<void>;
  invalidateMany(userIds: string[]): Promise<void>;
  /** The state by account: RedisClient, or rebuilt from MySQL. */
  get(userId: string): Promise<CodeState | null>;
}

/** KEYS: the state's version, the cached state; ARGV: the version's lifetime in seconds. */
const BUMP_VERSION = `
redis.call('DEL', KEYS[2])
redis.call('INCR', KEYS[1])
redis.call('EXPIRE', KEYS[1], ARGV[1])
return 1`;

export function createCodeStateStore(d: {
  redis: RedisClient;
  users: UsersRepo;
  loadSources: (idHash: Buffer) => Promise<PersonSources>;
  restriction: Restriction;
  pii: Pii;
  bus: InvalidationBus;
  /** The person's latest conversion request (features/conversions, passed in by app.ts: that
   * feature reads this one). Every change to a request drops the state (it settles). */
  latestConversion: (personId: string) => Promise<ConversionRequestView | null>;
  /** The person's test results and doses (features/healthRecords); the feeds drop the state of
   * every registered person a batch touches. */
  healthOf: (idHash: Buffer) => Promise<HealthSummary | null>;
}): CodeStateStore {
  /** A change to the user's state: the cached state goes, its version moves on. One script
   * call rather than MULTI/INCR/EXPIRE/DEL/EXEC: a provincial batch bumps ~100,000 accounts, and
   * ioredis's transaction objects were ~3 s of a million-line batch (measured with and without
   * the invalidation). Both keys share the user's hash tag, so it runs on a cluster too. */
  async function bumpVersion(userId: string): Promise<void> {
    await d.redis.eval(BUMP_VERSION, 2, redisKeys.codeStateVersion(userId), redisKeys.codeState(userId), CODE_STATE_VERSION_TTL_SECONDS);
  }

  return {
    keysFor: (userId) => [redisKeys.codeState(userId), redisKeys.codeStateVersion(userId)],
    fromCache([raw, version]) {
      if (!raw) return null;
      const state = JSON.parse(raw) as CodeState;
      return state.version === Number(version ?? 0) ? state : null;
    },
    async rebuild(userId, version) {
      const user = await d.users.findById(userId);
      if (!user) return null;
      // The rule of docs/decisions/0008 is applied here, where the state is built (once per
      // change), not per request: the busiest route reads the result from the cache.
      const restricted = await d.restriction.isRestricted(user);
      // Read alongside the sources: the rebuild waits for the slower of the two, not both.
      const [person, conversion, health] =
        user.personId && user.idHash && !restricted
          ? await Promise.all([d.loadSources(user.idHash), d.latestConversion(user.personId), d.healthOf(user.idHash)])
          : [null, null, null];
      const state = codeStateOf({
        userId,
        version,
        personId: user.personId,
        holderId: user.holderId,
        name: user.nameEnc ? maskName(d.pii.decrypt('name', user.nameEnc)) : null,
        idNumber: user.idNumberEnc ? maskIdNumber(d.pii.decrypt('id_number', user.idNumberEnc)) : null,
        idHash: user.idHash,
        person,
        restricted,
        conversion,
        health,
      });
      await d.redis.set(redisKeys.codeState(userId), JSON.stringify(state), 'EX', CODE_STATE_TTL_SECONDS);
      return state;
    },
    async get(userId) {
      const values = await d.redis.mget(redisKeys.codeState(userId), redisKeys.codeStateVersion(userId));
      return this.fromCache(values) ?? this.rebuild(userId, Number(values[1] ?? 0));
    },
    async invalidateMany(userIds) {
      if (!userIds.length) return;
      // One script call per user: a user's keys share a cluster slot, different users' need not
      // (redisKeys.ts). Auto-pipelining sends them together, one pipeline per node; a pipeline
      // caught by a slot moving is not followed by ioredis for its failed commands, so those
      // users are bumped once more, each on its own (the bump is idempotent in effect).
      const results = await Promise.allSettled(userIds.map((userId) => bumpVersion(userId)));
      const failed = userIds.filter((_, i) => results[i].status === 'rejected');
      if (failed.length) await Promise.all(failed.map((userId) => bumpVersion(userId)));
      await d.bus.publish({ kind: 'states', userIds });
    },
    async invalidate(userId) {
      await bumpVersion(userId);
      await d.bus.publish({ kind: 'state', userId });
    },
  };
}
