import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { redisKeys } from '@yima/bff/src/redisKeys';
import { hashToken } from '@yima/bff/src/features/auth';
import { loginBySms, registerResident } from '../support/flows';
import { call } from '../support/http';
import { grantRole } from '../support/roles';
import { startTestApp, type TestApp } from '../support/testApp';

/**
 * What Redis Cluster asks of the BFF (docs/decisions/0030-redis-cluster.md). Runs in both of
 * the suite's runs: on one Redis server and on the 3-master cluster (YIMA_TEST_REDIS_CLUSTER),
 * where a cross-slot command fails outright.
 */
let app: TestApp;
beforeAll(async () => {
  // Three streams and no repeat window: every visit is an entry, spread over the streams.
  app = await startTestApp({ env: { VISIT_STREAM_SHARDS: '3', VISIT_MERGE_MINUTES: '0' } });
});
afterAll(() => app.close());
beforeEach(() => app.reset());

/** The part of a key Redis Cluster hashes: the first `{…}` with something inside, else all. */
function hashedPart(key: string): string {
  const open = key.indexOf('{');
  const close = open < 0 ? -1 : key.indexOf('}', open + 1);
  return close > open + 1 ? key.slice(open + 1, close) : key;
}

describe("a user's keys", () => {
  it('when the code page reads the session with the state (one MGET) or a change bumps state and version (one MULTI), then every key hashes on the user alone', () => {
    for (const userId of ['1', '42', '18446744073709551615']) {
      const keys = [
        redisKeys.session(userId, hashToken(`${userId}.x`)),
        redisKeys.codeState(userId),
        redisKeys.codeStateVersion(userId),
        redisKeys.idempotency(userId, '2b0e7f7e-4a55-4d1e-9d36-3f7c1f5e2a10'),
      ];
      expect(new Set(keys.map(hashedPart))).toEqual(new Set([`u:${userId}`]));
    }
  });

  it('when a resident uses the code page, checks in and logs out, then each step works on this Redis (a cross-slot command would fail on a cluster)', async () => {
    const r = await registerResident(app.url, { name: '钱集群' });
    expect((await call(app.url, 'GET', '/api/me/code', undefined, { token: r.token })).status).toBe(200);
    expect((await call(app.url, 'DELETE', '/api/auth/sessions/current', undefined, { token: r.token })).status).toBe(204);
    expect((await call(app.url, 'GET', '/api/me/code', undefined, { token: r.token })).status).toBe(401);
  });
});

describe('a session opened before keys carried the user’s tag', () => {
  it('when its token is used after the upgrade, then it still works, is moved to the tagged key with its time left, and logout ends it', async () => {
    const r = await registerResident(app.url, { name: '孙升级' });
    const tagged = redisKeys.session(r.userId, hashToken(r.token));
    const legacy = redisKeys.legacySession(hashToken(r.token));
    // Where the previous version kept it.
    const raw = await app.redis.get(tagged);
    expect(raw).not.toBeNull();
    await app.redis.set(legacy, raw as string, 'EX', 3600);
    await app.redis.del(tagged);
    app.dropCaches();

    expect((await call(app.url, 'GET', '/api/me/code', undefined, { token: r.token })).status).toBe(200);
    expect(await app.redis.get(legacy)).toBeNull();
    expect(await app.redis.get(tagged)).toBe(raw);
    const ttl = await app.redis.ttl(tagged);
    expect(ttl).toBeGreaterThan(3500);
    expect(ttl).toBeLessThanOrEqual(3600);

    expect((await call(app.url, 'DELETE', '/api/auth/sessions/current', undefined, { token: r.token })).status).toBe(204);
    expect((await call(app.url, 'GET', '/api/me/code', undefined, { token: r.token })).status).toBe(401);
  });

  it('when the old key names another user than the token, then the token is refused (the id in front grants nothing)', async () => {
    const victim = await registerResident(app.url, { name: '李受害' });
    const raw = await app.redis.get(redisKeys.session(victim.userId, hashToken(victim.token)));
    // A token whose hash finds the victim's session under the old key, but names another id.
    const forged = `${Number(victim.userId) + 1}${victim.token.slice(victim.token.indexOf('.'))}`;
    await app.redis.set(redisKeys.legacySession(hashToken(forged)), raw as string, 'EX', 3600);
    app.dropCaches();
    expect((await call(app.url, 'GET', '/api/me/code', undefined, { token: forged })).status).toBe(401);
  });
});

describe('the visit streams', () => {
  it('when visits are recorded, then they go to every stream in turn and each one reaches MySQL once, under an id unique across the streams', async () => {
    const op = await loginBySms(app.url);
    await grantRole(app, op.phone, 'operator');
    const made = await call(
      app.url,
      'POST',
      '/api/venues',
      { type: 'unit', name: '分片单位', address: '分片路 3 号', district: '110105' },
      { token: op.token },
    );
    expect(made.status).toBe(201);
    const r = await registerResident(app.url, { name: '周分片' });
    for (let i = 0; i < 9; i++) expect((await call(app.url, 'POST', `/api/venues/${made.body.id}/visits`, {}, { token: r.token })).status).toBe(201);
    await app.settled();
    const [rows] = await app.db.query<any[]>('SELECT stream_id FROM visits WHERE venue_id = ?', [made.body.id]);
    expect(rows).toHaveLength(9);
    const shardOf = (id: string) => (id.includes(':') ? id.slice(0, id.indexOf(':')) : '0');
    const perShard = new Map<string, number>();
    for (const row of rows) perShard.set(shardOf(String(row.stream_id)), (perShard.get(shardOf(String(row.stream_id))) ?? 0) + 1);
    expect([...perShard.entries()].sort()).toEqual([
      ['0', 3],
      ['1', 3],
      ['2', 3],
    ]);
  });
});
