import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { loginBySms, registerResident } from '../support/flows';
import { call } from '../support/http';
import { grantRole } from '../support/roles';
import { startTestApp, type TestApp } from '../support/testApp';
import { verifyWithTrustList } from '../support/trust';
import { CODE_STATE_VERSION_TTL_SECONDS, redisKeys } from '@yima/bff/src/redisKeys';

let app: TestApp;
beforeAll(async () => {
  // Sessions outlive the 20 days one test spans.
  app = await startTestApp({ env: { SESSION_TTL_SECONDS: String(60 * 86400) } });
});
afterAll(() => app.close());
beforeEach(() => app.reset());

const NORMAL = { temperature: 'normal', symptoms: [], visitedAreas: [], contact: 'none', address: { district: '110105', detail: '幸福路 1 号' } };
const checkIn = (token: string, body: object = NORMAL) => call(app.url, 'POST', '/api/me/checkins', body, { token });
const code = (token: string) => call(app.url, 'GET', '/api/me/code', undefined, { token });

async function operator() {
  const op = await loginBySms(app.url);
  await grantRole(app, op.phone, 'operator');
  return op;
}
const addArea = (token: string, body: object) => call(app.url, 'POST', '/api/risk-areas', body, { token });

describe('check-in', () => {
  it('when an unregistered account checks in or asks for its code, then 403 REGISTRATION_REQUIRED', async () => {
    const { token } = await loginBySms(app.url);
    expect(await checkIn(token)).toMatchObject({ status: 403, body: { error: { code: 'REGISTRATION_REQUIRED' } } });
    expect(await code(token)).toMatchObject({ status: 403, body: { error: { code: 'REGISTRATION_REQUIRED' } } });
  });

  it("when a check-in changes a resident's state, then the cached code state goes and its version moves on, kept for 7 days", async () => {
    const r = await registerResident(app.url);
    expect((await code(r.token)).status).toBe(200);
    expect(await app.redis.exists(redisKeys.codeState(r.userId))).toBe(1);
    const before = Number((await app.redis.get(redisKeys.codeStateVersion(r.userId))) ?? 0);
    expect((await checkIn(r.token)).status).toBe(201);
    expect(await app.redis.exists(redisKeys.codeState(r.userId))).toBe(0);
    expect(Number(await app.redis.get(redisKeys.codeStateVersion(r.userId)))).toBe(before + 1);
    const ttl = await app.redis.ttl(redisKeys.codeStateVersion(r.userId));
    expect(ttl).toBeGreaterThan(CODE_STATE_VERSION_TTL_SECONDS - 60);
    expect(ttl).toBeLessThanOrEqual(CODE_STATE_VERSION_TTL_SECONDS);
  });

  it('when a resident declares nothing unusual, then 201 green', async () => {
    const r = await registerResident(app.url);
    const res = await checkIn(r.token);
    expect(res).toMatchObject({ status: 201, body: { color: 'green', updated: false, day: '2026-11-22', reasons: ['CHECKIN_OK'] } });
  });

  it('when a resident checks in twice the same day, then the second replaces the first and history has one day', async () => {
    const r = await registerResident(app.url);
    await checkIn(r.token);
    app.clock.advance(3600_000);
    const second = await checkIn(r.token, { ...NORMAL, symptoms: ['cough'] });
    // The reasons are codes, as in the history: the app words them (decision 0017).
    expect(second).toMatchObject({ status: 201, body: { color: 'yellow', updated: true, reasons: ['SYMPTOMS'] } });
    const history = await call(app.url, 'GET', '/api/me/checkins', undefined, { token: r.token });
    expect(history.body.checkins).toHaveLength(1);
    expect(history.body.checkins[0]).toMatchObject({ day: '2026-11-22', color: 'yellow', reasons: ['SYMPTOMS'] });
  });

  it('when check-ins span 20 days, then history shows the last 14 days, newest first', async () => {
    const r = await registerResident(app.url);
    for (let i = 0; i < 20; i++) {
      await checkIn(r.token);
      app.clock.advance(86400_000);
    }
    const days = (await call(app.url, 'GET', '/api/me/checkins', undefined, { token: r.token })).body.checkins.map((c: { day: string }) => c.day);
    expect(days).toHaveLength(13); // today (day 21) has no check-in yet; days 8–20 are within 14 days
    expect(days[0]).toBe('2026-12-11');
    expect(days.at(-1)).toBe('2026-11-29');
  });

  it.each([
    ['a temperature of 50', { ...NORMAL, temperature: 50 }],
    ['a temperature as text', { ...NORMAL, temperature: '36.5' }],
    ['an unknown symptom', { ...NORMAL, symptoms: ['sneezing'] }],
    ['a repeated symptom', { ...NORMAL, symptoms: ['cough', 'cough'] }],
    ['a region code that is not GB/T 2260', { ...NORMAL, visitedAreas: ['999999'] }],
    ['an unknown contact answer', { ...NORMAL, contact: 'maybe' }],
    ['no address detail', { ...NORMAL, address: { district: '110105', detail: '  ' } }],
    ['an extra field', { ...NORMAL, mood: 'fine' }],
    ['no symptoms field', { temperature: 'normal', visitedAreas: [], contact: 'none', address: NORMAL.address }],
  ])('when the declaration has %s, then 400 INVALID_REQUEST and nothing is stored', async (_case, body) => {
    const r = await registerResident(app.url);
    const res = await checkIn(r.token, body);
    expect(res).toMatchObject({ status: 400, body: { error: { code: 'INVALID_REQUEST' } } });
    expect((await call(app.url, 'GET', '/api/me/checkins', undefined, { token: r.token })).body.checkins).toEqual([]);
  });
});

describe('the personal code', () => {
  it('when the resident has not checked in, then the code is grey with "no check-in" and the holder masked', async () => {
    const r = await registerResident(app.url, { name: '张小三' });
    const res = await code(r.token);
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({
      color: 'grey',
      holder: { name: '张*三', idNumber: `${r.idNumber.slice(0, 6)}********${r.idNumber.slice(-4)}` },
      // Nothing is known yet: no source decided, and the page says how to get a colour.
      decidedBy: null,
      sources: [],
      reasons: [{ source: 'checkin', reasonCode: 'NO_CHECKIN', note: '' }],
      checkin: { due: true, lastAt: null },
      refreshAfterSeconds: 60,
    });
    expect(res.headers.get('cache-control')).toBe('no-store');
  });

  it('when the resident checked in green, then the QR verifies with the published key and carries green and no personal data', async () => {
    const r = await registerResident(app.url);
    await checkIn(r.token);
    const res = await code(r.token);
    expect(res.body).toMatchObject({ color: 'green', reasons: [], checkin: { due: false } });
    expect(res.body.qr).toHaveLength(129);
    for (const secret of [r.idNumber, r.phone, r.idNumber.slice(-4)]) expect(res.body.qr).not.toContain(secret);
    const check = await verifyWithTrustList(app.url, res.body.qr, app.clock.now());
    expect(check).toMatchObject({ ok: true, fields: { kind: 'screen', color: 'green', kid: 1 } });
    expect(Date.parse(res.body.expiresAt) - app.clock.now().getTime()).toBe(300_000);
  });

  it('when a symptom is declared, then the code turns yellow at once with the reason, who set it and what to do', async () => {
    const r = await registerResident(app.url);
    await checkIn(r.token);
    expect((await code(r.token)).body.color).toBe('green'); // cached state…
    await checkIn(r.token, { ...NORMAL, temperature: 38.2 });
    const res = await code(r.token); // …is replaced on check-in
    expect(res.body).toMatchObject({ color: 'yellow', reasons: [{ reasonCode: 'FEVER', setBy: 'self-declaration', note: '' }] });
    expect((await verifyWithTrustList(app.url, res.body.qr, app.clock.now())).fields?.color).toBe('yellow');
  });

  it('when 3 days pass without a check-in, then the green code turns yellow "overdue"; a check-in restores it', async () => {
    const r = await registerResident(app.url);
    await checkIn(r.token);
    app.clock.advance(3 * 86400_000 - 1000);
    expect((await code(r.token)).body.color).toBe('green');
    app.clock.advance(1000);
    expect((await code(r.token)).body).toMatchObject({ color: 'yellow', reasons: [{ reasonCode: 'CHECKIN_OVERDUE' }], checkin: { due: true } });
    await checkIn(r.token);
    expect((await code(r.token)).body.color).toBe('green');
  });

  it('when the resident reads in English, then the reasons are the same codes (the client words them, decision 0017)', async () => {
    const r = await registerResident(app.url);
    await call(app.url, 'PATCH', '/api/me', { locale: 'en' }, { token: r.token });
    expect((await code(r.token)).body.reasons[0]).toMatchObject({ reasonCode: 'NO_CHECKIN', note: '' });
  });

  it('when the token expires, then a scanner rejects it; the next request gives a fresh one', async () => {
    const r = await registerResident(app.url);
    await checkIn(r.token);
    const first = (await code(r.token)).body.qr;
    app.clock.advance(300_000);
    expect(await verifyWithTrustList(app.url, first, app.clock.now())).toMatchObject({ ok: false, problem: 'expired' });
    const second = (await code(r.token)).body.qr;
    expect(second).not.toBe(first);
    expect((await verifyWithTrustList(app.url, second, app.clock.now())).ok).toBe(true);
  });

  it('when logged out, then the code route is 401', async () => {
    const r = await registerResident(app.url);
    await call(app.url, 'DELETE', '/api/auth/sessions/current', undefined, { token: r.token });
    expect(await code(r.token)).toMatchObject({ status: 401, body: { error: { code: 'UNAUTHENTICATED' } } });
    expect((await call(app.url, 'GET', '/api/me/code')).status).toBe(401);
  });
});

describe('risk areas', () => {
  const high = { code: '440305', name: '南山区', level: 'high', effectiveFrom: '2026-11-20T00:00:00+08:00' };

  it('when an operator adds a high-risk area and a resident declares it, then the code is red', async () => {
    const op = await operator();
    const added = await addArea(op.token, high);
    expect(added).toMatchObject({ status: 201, body: { id: expect.any(String) } });
    const list = await call(app.url, 'GET', '/api/risk-areas');
    expect(list.body.areas).toEqual([
      { id: added.body.id, code: '440305', name: '南山区', level: 'high', effectiveFrom: '2026-11-19T16:00:00.000Z', effectiveTo: null },
    ]);
    const r = await registerResident(app.url);
    expect((await checkIn(r.token, { ...NORMAL, visitedAreas: ['440305'] })).body.color).toBe('red');
    expect((await code(r.token)).body.reasons[0]).toMatchObject({ reasonCode: 'HIGH_RISK_AREA', color: 'red' });
  });

  it('when an area becomes high-risk after the resident declared it, then their code turns red without a new check-in', async () => {
    const r = await registerResident(app.url);
    await checkIn(r.token, { ...NORMAL, visitedAreas: ['440305'] });
    expect((await code(r.token)).body.color).toBe('green');
    const op = await operator();
    await addArea(op.token, { ...high, effectiveFrom: '2026-11-22T07:00:00Z' });
    expect((await code(r.token)).body.color).toBe('red');
  });

  it('when the level of an area changes, then the old period closes and the list shows only the new level', async () => {
    const op = await operator();
    await addArea(op.token, high);
    await addArea(op.token, { ...high, level: 'medium', effectiveFrom: '2026-11-22T00:00:00Z' });
    const list = await call(app.url, 'GET', '/api/risk-areas');
    expect(list.body.areas.map((a: { level: string }) => a.level)).toEqual(['medium']);
    const [rows] = await app.db.query('SELECT level, effective_to FROM risk_areas ORDER BY id');
    expect((rows as { effective_to: Date | null }[])[0].effective_to).not.toBeNull();
  });

  it('when someone without the operator role adds an area, then 403 FORBIDDEN; without a session, 401', async () => {
    const r = await registerResident(app.url);
    expect(await addArea(r.token, high)).toMatchObject({ status: 403, body: { error: { code: 'FORBIDDEN' } } });
    expect((await call(app.url, 'POST', '/api/risk-areas', high)).status).toBe(401);
  });

  it.each([
    ['a bad level', { ...high, level: 'severe' }],
    ['a bad region', { ...high, code: '12345' }],
    ['a date without zone', { ...high, effectiveFrom: '2026-11-20T00:00:00' }],
    ['an end before the start', { ...high, effectiveTo: '2026-11-01T00:00:00Z' }],
  ])('when an operator sends %s, then 400', async (_case, body) => {
    const op = await operator();
    expect(await addArea(op.token, body)).toMatchObject({ status: 400, body: { error: { code: 'INVALID_REQUEST' } } });
  });
});

describe('signing-key rotation', () => {
  it('when a new key is added, then tokens of the old key still verify via the trust list until they expire', async () => {
    const r = await registerResident(app.url);
    await checkIn(r.token);
    const oldToken = (await code(r.token)).body.qr;
    const rotated = await startTestApp({
      env: {
        CODE_SIGNING_KEYS: `${app.config.codes.signingKeys.map((k) => `${k.kid}:${k.seed.toString('base64')}`).join(',')},2:${Buffer.alloc(32, 7).toString('base64')}`,
      },
    });
    try {
      const list = await call(rotated.url, 'GET', '/api/trust-list');
      expect(list.body.keys.map((k: { kid: number }) => k.kid)).toEqual([1, 2]);
      expect((await verifyWithTrustList(rotated.url, oldToken, app.clock.now())).ok).toBe(true);
      const fresh = (await call(rotated.url, 'GET', '/api/me/code', undefined, { token: r.token })).body.qr;
      expect((await verifyWithTrustList(rotated.url, fresh, rotated.clock.now())).fields?.kid).toBe(2);
    } finally {
      await rotated.close();
    }
  });
});
