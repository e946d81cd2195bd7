import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { loginBySms, registerResident } from '../support/flows';
import { admin, grantRole } from '../support/roles';
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

/** What a guard's scan, a visit and the code page keep in memory besides the code state: the
 * staff member's grants (10 s), the place (30 s) and the risk areas (5 s). A change made
 * through one process reaches the others' caches through the invalidation bus at once. */
describe('changes an operator makes through one process', () => {
  async function placeWithGuard() {
    const boss = await loginBySms(a.url);
    await grantRole(a, boss.phone, 'admin');
    const made = await call(
      a.url,
      'POST',
      '/api/venues',
      { type: 'unit', name: '两进程单位', address: '两进程路 1 号', district: '110105' },
      { token: boss.token },
    );
    expect(made.status).toBe(201);
    const guard = await loginBySms(a.url);
    await grantRole(a, guard.phone, 'venue-staff', made.body.id);
    const r = await registerResident(a.url);
    await call(a.url, 'POST', '/api/me/checkins', NORMAL, { token: r.token });
    const qr = (await call(a.url, 'GET', '/api/me/code', undefined, { token: r.token })).body.qr as string;
    const scanAtB = async () => (await call(b.url, 'POST', '/api/scans', { venueId: made.body.id, qr }, { token: guard.token })).status;
    // B has the guard's grants and the place in memory now.
    expect(await scanAtB()).toBe(201);
    return { boss, guard, venueId: made.body.id as string, resident: r, scanAtB };
  }

  it('when an admin revokes a guard’s grant on the grants page of one, then the other refuses the guard’s next scan within a second', async () => {
    const { boss, guard, venueId, scanAtB } = await placeWithGuard();
    const revoked = await call(a.url, 'DELETE', '/api/grants', { userId: guard.userId, role: 'venue-staff', scope: venueId }, { token: boss.token });
    expect(revoked.status).toBe(204);
    await eventually(scanAtB, 403);
  });

  it('when the grant is revoked with the admin command line, then the running processes refuse the guard within a second', async () => {
    const { guard, venueId, scanAtB } = await placeWithGuard();
    expect((await admin(a, ['revoke', '--phone', guard.phone, '--role', 'venue-staff', '--scope', venueId])).code).toBe(0);
    await eventually(scanAtB, 403);
  });

  it('when an operator deactivates a place through one, then the other refuses residents’ visits there within a second', async () => {
    const { boss, venueId, resident } = await placeWithGuard();
    expect((await call(b.url, 'POST', `/api/venues/${venueId}/visits`, {}, { token: resident.token })).status).toBe(201);
    expect((await call(a.url, 'PATCH', `/api/venues/${venueId}`, { active: false }, { token: boss.token })).status).toBe(200);
    await eventually(async () => (await call(b.url, 'POST', `/api/venues/${venueId}/visits`, {}, { token: resident.token })).status, 409);
  });

  it('when an operator declares a high-risk area through one, then the other turns a resident who declared it red within a second', async () => {
    const op = await loginBySms(a.url);
    await grantRole(a, op.phone, 'operator');
    const r = await registerResident(a.url);
    await call(a.url, 'POST', '/api/me/checkins', { ...NORMAL, visitedAreas: ['440305'] }, { token: r.token });
    // B has loaded the list (no such area) and shows green.
    expect((await call(b.url, 'GET', '/api/me/code', undefined, { token: r.token })).body.color).toBe('green');
    const area = { code: '440305', name: '南山区', level: 'high', effectiveFrom: '2026-11-22T07:00:00Z' };
    expect((await call(a.url, 'POST', '/api/risk-areas', area, { token: op.token })).status).toBe(201);
    await eventually(async () => (await call(b.url, 'GET', '/api/me/code', undefined, { token: r.token })).body.color, 'red');
  });
});
