import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { registerResident } from '../support/flows';
import { call } from '../support/http';
import { startTestApp, type TestApp } from '../support/testApp';
import { redisKeys } from '@yima/bff/src/redisKeys';

/** Two BFF instances on the same MySQL and Redis, as behind a load balancer: what one
 * changes, the other must show at once, in spite of its in-process cache. */
let a: TestApp;
let b: TestApp;
beforeAll(async () => {
  a = await startTestApp();
  b = await startTestApp();
});
afterAll(async () => {
  await a.close();
  await b.close();
});
beforeEach(async () => {
  await a.reset();
  b.clock.reset();
  b.dropCaches();
});

const NORMAL = { temperature: 'normal', symptoms: [], visitedAreas: [], contact: 'none', address: { district: '110105', detail: '1 号' } };

/** Polls for up to a second: the invalidation travels through Redis pub/sub. */
async function eventually<T>(read: () => Promise<T>, expected: T) {
  const deadline = Date.now() + 1000;
  let last: T = await read();
  while (last !== expected && Date.now() < deadline) {
    await new Promise((r) => setTimeout(r, 20));
    last = await read();
  }
  expect(last).toBe(expected);
}

describe('two BFF processes', () => {
  it('when a resident checks in through one, then the other shows the new colour within a second', async () => {
    const r = await registerResident(a.url);
    await call(a.url, 'POST', '/api/me/checkins', NORMAL, { token: r.token });
    // B caches the green state…
    expect((await call(b.url, 'GET', '/api/me/code', undefined, { token: r.token })).body.color).toBe('green');
    expect((await call(b.url, 'GET', '/api/me/code', undefined, { token: r.token })).body.color).toBe('green');
    // …and drops it when A announces the change.
    await call(a.url, 'POST', '/api/me/checkins', { ...NORMAL, contact: 'confirmed' }, { token: r.token });
    await eventually(async () => (await call(b.url, 'GET', '/api/me/code', undefined, { token: r.token })).body.color, 'red');
  });

  it('when a resident logs out through one, then the other refuses the token within a second', async () => {
    const r = await registerResident(a.url);
    expect((await call(b.url, 'GET', '/api/me/code', undefined, { token: r.token })).status).toBe(200);
    expect((await call(a.url, 'DELETE', '/api/auth/sessions/current', undefined, { token: r.token })).status).toBe(204);
    await eventually(async () => (await call(b.url, 'GET', '/api/me/code', undefined, { token: r.token })).status, 401);
  });

  it('when the cached state in Redis is older than its version, then it is rebuilt, not served', async () => {
    const r = await registerResident(a.url);
    await call(a.url, 'POST', '/api/me/checkins', NORMAL, { token: r.token });
    expect((await call(a.url, 'GET', '/api/me/code', undefined, { token: r.token })).body.color).toBe('green');
    // A stale rebuild that lost a race: the stored state says red, but its version is old.
    const key = redisKeys.codeState(r.userId);
    const stale = JSON.parse((await a.redis.get(key)) as string);
    await a.redis.set(key, JSON.stringify({ ...stale, checkin: { ...stale.checkin, answers: { ...NORMAL, contact: 'confirmed' } } }));
    await a.redis.incr(redisKeys.codeStateVersion(r.userId));
    a.dropCaches();
    expect((await call(a.url, 'GET', '/api/me/code', undefined, { token: r.token })).body.color).toBe('green');
  });
});
