import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { loginBySms, registerResident } from '../support/flows';
import { call } from '../support/http';
import { grantRole } from '../support/roles';
import { redisKeys } from '@yima/bff/src/redisKeys';
import { startTestApp, type TestApp } from '../support/testApp';

/** Idempotency-Key on visits and scans (bff/src/http/idempotency.ts, decision 0028). The
 * merge window is off, so without a key every POST is a visit of its own: only the key
 * keeps a retry from being a second one. */
let app: TestApp;
beforeAll(async () => {
  app = await startTestApp({ env: { VISIT_MERGE_MINUTES: '0' } });
});
afterAll(() => app.close());
beforeEach(() => app.reset());

const PLACE = { type: 'community', name: '重试小区', address: '北京市朝阳区重试路 1 号', district: '110105' };

async function place() {
  const op = await loginBySms(app.url);
  await grantRole(app, op.phone, 'operator');
  const made = await call(app.url, 'POST', '/api/venues', PLACE, { token: op.token });
  expect(made.status).toBe(201);
  return made.body.id as string;
}
/** Rows in `visits` for the place once the drainer has written what was acknowledged. */
async function rows(venueId: string): Promise<number> {
  await app.settled();
  return Number((await app.db.query<any[]>('SELECT COUNT(*) AS n FROM visits WHERE venue_id = ?', [venueId]))[0][0].n);
}
const keyed = (token: string, key: string) => ({ token, headers: { 'idempotency-key': key } });

describe('a resident’s visit with an Idempotency-Key', () => {
  it('when it is sent again with the same key, then the first answer comes again and there is one visit', async () => {
    const venueId = await place();
    const r = await registerResident(app.url, { name: '孙重试' });
    const key = randomUUID();
    const first = await call(app.url, 'POST', `/api/venues/${venueId}/visits`, {}, keyed(r.token, key));
    expect(first.status).toBe(201);
    const again = await call(app.url, 'POST', `/api/venues/${venueId}/visits`, {}, keyed(r.token, key));
    expect([again.status, again.body]).toEqual([201, first.body]);
    expect(again.headers.get('idempotent-replayed')).toBe('true');
    expect(await rows(venueId)).toBe(1);
    // Without a key (or with a new one), a visit is a visit: the control.
    expect((await call(app.url, 'POST', `/api/venues/${venueId}/visits`, {}, keyed(r.token, randomUUID()))).status).toBe(201);
    expect(await rows(venueId)).toBe(2);
  });

  it('when the same key comes with another body or place, then 409 IDEMPOTENCY_KEY_REUSED and nothing is recorded', async () => {
    const venueId = await place();
    const other = await place();
    const r = await registerResident(app.url, { name: '孙另求' });
    const key = randomUUID();
    expect((await call(app.url, 'POST', `/api/venues/${venueId}/visits`, {}, keyed(r.token, key))).status).toBe(201);
    const otherBody = await call(app.url, 'POST', `/api/venues/${venueId}/visits`, { location: { lat: 39.9, lng: 116.4 } }, keyed(r.token, key));
    expect([otherBody.status, otherBody.body.error.code]).toEqual([409, 'IDEMPOTENCY_KEY_REUSED']);
    const otherPlace = await call(app.url, 'POST', `/api/venues/${other}/visits`, {}, keyed(r.token, key));
    expect([otherPlace.status, otherPlace.body.error.code]).toEqual([409, 'IDEMPOTENCY_KEY_REUSED']);
    expect([await rows(venueId), await rows(other)]).toEqual([1, 0]);
  });

  it('when the key is not a UUID, then 400 INVALID_REQUEST and no visit', async () => {
    const venueId = await place();
    const r = await registerResident(app.url, { name: '孙错键' });
    for (const bad of ['abc', '12345678-1234-1234-1234-12345678901z', `${randomUUID()}x`]) {
      const res = await call(app.url, 'POST', `/api/venues/${venueId}/visits`, {}, keyed(r.token, bad));
      expect([res.status, res.body.error.code]).toEqual([400, 'INVALID_REQUEST']);
    }
    expect(await rows(venueId)).toBe(0);
  });

  it('when two requests with the same key arrive at once, then there is one visit, and the other is the same answer or 409 REQUEST_IN_PROGRESS with Retry-After', async () => {
    const venueId = await place();
    const r = await registerResident(app.url, { name: '孙并发' });
    const key = randomUUID();
    const answers = await Promise.all([0, 1].map(() => call(app.url, 'POST', `/api/venues/${venueId}/visits`, {}, keyed(r.token, key))));
    const ok = answers.filter((a) => a.status === 201);
    const busy = answers.filter((a) => a.status === 409);
    expect(ok.length).toBeGreaterThanOrEqual(1);
    expect(ok.length + busy.length).toBe(2);
    for (const b of busy) {
      expect(b.body.error.code).toBe('REQUEST_IN_PROGRESS');
      expect(b.headers.get('retry-after')).toBe('1');
    }
    if (ok.length === 2) expect(ok[1].body).toEqual(ok[0].body);
    expect(await rows(venueId)).toBe(1);
  });

  it('when the same key is used by another account, then it is that account’s own key (a visit of its own)', async () => {
    const venueId = await place();
    const [a, b] = [await registerResident(app.url, { name: '孙甲' }), await registerResident(app.url, { name: '孙乙' })];
    const key = randomUUID();
    expect((await call(app.url, 'POST', `/api/venues/${venueId}/visits`, {}, keyed(a.token, key))).status).toBe(201);
    const other = await call(app.url, 'POST', `/api/venues/${venueId}/visits`, {}, keyed(b.token, key));
    expect([other.status, other.body.pass.holder.name]).toEqual([201, '孙*']);
    expect(await rows(venueId)).toBe(2);
  });
});

describe('a guard’s scan with an Idempotency-Key', () => {
  it('when it is sent again with the same key, then the same verdict and one visit', async () => {
    const venueId = await place();
    const guard = await loginBySms(app.url);
    await grantRole(app, guard.phone, 'venue-staff', venueId);
    const r = await registerResident(app.url, { name: '孙扫码' });
    const qr = (await call(app.url, 'GET', '/api/me/code', undefined, { token: r.token })).body.qr;
    const key = randomUUID();
    const first = await call(app.url, 'POST', '/api/scans', { venueId, qr }, keyed(guard.token, key));
    expect(first.status).toBe(201);
    const again = await call(app.url, 'POST', '/api/scans', { venueId, qr }, keyed(guard.token, key));
    expect([again.status, again.body]).toEqual([201, first.body]);
    expect(await rows(venueId)).toBe(1);
    const bad = await call(app.url, 'POST', '/api/scans', { venueId, qr }, keyed(guard.token, 'not-a-uuid'));
    expect([bad.status, bad.body.error.code]).toEqual([400, 'INVALID_REQUEST']);
  });
});

/** Decision 0028 named a gap: after a Redis stall, the first request's XADD could be applied
 * late while its handler had failed and freed the claim (the DEL applied after the XADD), so
 * the retry, finding no claim, recorded the visit a second time. The key now travels with the
 * entry, and `visits.client_key` is unique. The test frees the claim as that late DEL did. */
describe('a keyed request recorded twice (a retry after a Redis stall freed its claim)', () => {
  const claimOf = (userId: string, key: string) => redisKeys.idempotency(userId, key);

  it('when a resident’s visit is recorded again with the same key, then there is still one visit, counted once', async () => {
    const venueId = await place();
    const r = await registerResident(app.url, { name: '孙迟到' });
    const key = randomUUID();
    expect((await call(app.url, 'POST', `/api/venues/${venueId}/visits`, {}, keyed(r.token, key))).status).toBe(201);
    await app.redis.del(claimOf(r.userId, key));
    expect((await call(app.url, 'POST', `/api/venues/${venueId}/visits`, {}, keyed(r.token, key))).status).toBe(201);
    expect(await rows(venueId)).toBe(1);
    const [scans] = await app.db.query<any[]>("SELECT COALESCE(SUM(value), 0) AS n FROM stats_daily WHERE metric = 'scans'");
    expect(Number(scans[0].n)).toBe(1);
  });

  it('when one account’s keyed visit is recorded twice, then one row; another account’s same key and a keyless visit are visits of their own', async () => {
    const venueId = await place();
    const [a, b] = [await registerResident(app.url, { name: '孙同批' }), await registerResident(app.url, { name: '孙别人' })];
    const key = randomUUID();
    const post = (token: string, headers: Record<string, string>) => call(app.url, 'POST', `/api/venues/${venueId}/visits`, {}, { token, headers });
    expect((await post(a.token, { 'idempotency-key': key })).status).toBe(201);
    await app.redis.del(claimOf(a.userId, key));
    expect((await post(a.token, { 'idempotency-key': key })).status).toBe(201);
    expect((await post(b.token, { 'idempotency-key': key })).status).toBe(201);
    expect((await post(a.token, {})).status).toBe(201);
    expect(await rows(venueId)).toBe(3);
  });

  it('when a guard’s scan is recorded again with the same key, then one visit', async () => {
    const venueId = await place();
    const guard = await loginBySms(app.url);
    await grantRole(app, guard.phone, 'venue-staff', venueId);
    const r = await registerResident(app.url, { name: '孙重扫' });
    const qr = (await call(app.url, 'GET', '/api/me/code', undefined, { token: r.token })).body.qr;
    const key = randomUUID();
    expect((await call(app.url, 'POST', '/api/scans', { venueId, qr }, keyed(guard.token, key))).status).toBe(201);
    await app.redis.del(claimOf(guard.userId, key));
    expect((await call(app.url, 'POST', '/api/scans', { venueId, qr }, keyed(guard.token, key))).status).toBe(201);
    expect(await rows(venueId)).toBe(1);
  });
});
