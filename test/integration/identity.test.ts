import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { idCheckChar } from '@yima/shared';
import { declareResident, loginBySms, registerResident } from '../support/flows';
import { call } from '../support/http';
import { newIdNumber } from '../support/ids';
import { startTestApp, type TestApp } from '../support/testApp';
import { deleteKeys, keysMatching } from '../support/redisTest';

let app: TestApp;
beforeAll(async () => {
  app = await startTestApp();
});
afterAll(() => app.close());
beforeEach(() => app.reset());

const register = (token: string, body: object) => call(app.url, 'PUT', '/api/me/identity', body, { token });

describe('real-name registration', () => {
  it('when a logged-in resident registers, then the answer and /api/me are masked', async () => {
    const { token, phone } = await loginBySms(app.url);
    const idNumber = newIdNumber('19880515', '440305');
    const res = await register(token, { name: '张小三', idNumber });
    expect(res.status).toBe(200);
    const expected = {
      registered: true,
      name: '张*三',
      idNumber: `440305********${idNumber.slice(-4)}`,
      phone: `${phone.slice(0, 3)}****${phone.slice(-4)}`,
      locale: 'zh',
    };
    expect(res.body).toMatchObject(expected);
    expect((await call(app.url, 'GET', '/api/me', undefined, { token })).body).toMatchObject(expected);
  });

  it('when the next login happens, then the session says registered', async () => {
    const resident = await registerResident(app.url);
    await deleteKeys(app.redis, await keysMatching(app.redis, 'yima:rl:sms:phone:60s*'));
    expect((await loginBySms(app.url, resident.phone)).registered).toBe(true);
  });

  it('when the database is read directly, then no name, ID number or phone is in it in clear', async () => {
    const resident = await registerResident(app.url, { name: '欧阳小明' });
    const [rows] = await app.db.query('SELECT * FROM users u JOIN persons p ON p.id = u.person_id WHERE u.id = ?', [resident.userId]);
    expect((rows as unknown[]).length).toBe(1);
    const dump = JSON.stringify(rows, (_k, v) => (v && v.type === 'Buffer' ? Buffer.from(v.data).toString('latin1') : v));
    const asUtf8 = Buffer.from(dump, 'latin1').toString('utf8');
    for (const secret of [resident.idNumber, resident.phone, resident.idNumber.slice(6, 14)]) expect(dump).not.toContain(secret);
    expect(asUtf8).not.toContain('欧阳小明');
  });

  it.each([
    ['a wrong check digit', (id: string) => id.slice(0, 17) + (id[17] === '0' ? '1' : '0'), /check digit/],
    ['17 characters', (id: string) => id.slice(0, 17), /18 characters/],
    [
      'an impossible birth date',
      () => {
        const f = '44030519880231123';
        return f + idCheckChar(f);
      },
      /date of birth/,
    ],
    [
      'a birth date in the future',
      () => {
        const f = '44030520991231123';
        return f + idCheckChar(f);
      },
      /date of birth/,
    ],
    [
      'region 00',
      () => {
        const f = '00030519880515123';
        return f + idCheckChar(f);
      },
      /region/,
    ],
  ])('when the ID number has %s, then 400 INVALID_ID_NUMBER says so', async (_case, make, message) => {
    const { token } = await loginBySms(app.url);
    const res = await register(token, { name: '张三', idNumber: make(newIdNumber()) });
    expect(res).toMatchObject({ status: 400, body: { error: { code: 'INVALID_ID_NUMBER' } } });
    expect(res.body.error.message).toMatch(message);
    expect((await call(app.url, 'GET', '/api/me', undefined, { token })).body.registered).toBe(false);
  });

  it.each([['张'], ['张3'], [''], ['<b>x</b>']])('when the name is %j, then 400 INVALID_NAME', async (name) => {
    const { token } = await loginBySms(app.url);
    expect(await register(token, { name, idNumber: newIdNumber() })).toMatchObject({ status: 400, body: { error: { code: 'INVALID_NAME' } } });
  });

  it.each([
    [{ name: '张三' }],
    [{ idNumber: '11010519491231002X' }],
    [{ name: 1, idNumber: 2 }],
    [{ name: '张三', idNumber: '11010519491231002X', phone: '1' }],
  ])('when the body is %j, then 400 INVALID_REQUEST', async (body) => {
    const { token } = await loginBySms(app.url);
    expect(await register(token, body)).toMatchObject({ status: 400, body: { error: { code: 'INVALID_REQUEST' } } });
  });

  it('when an ID number is registered to another account, then 409 ID_ALREADY_REGISTERED and nothing changes', async () => {
    const first = await registerResident(app.url);
    const second = await loginBySms(app.url);
    const res = await register(second.token, { name: '李四', idNumber: first.idNumber });
    expect(res).toMatchObject({ status: 409, body: { error: { code: 'ID_ALREADY_REGISTERED' } } });
    expect((await call(app.url, 'GET', '/api/me', undefined, { token: second.token })).body).toMatchObject({ registered: false, name: null });
  });

  it('when the same account registers the same ID again with a corrected name, then the name changes', async () => {
    const resident = await declareResident(app.url, { name: '张小二' });
    const res = await register(resident.token, { name: '张小三', idNumber: resident.idNumber.toLowerCase() });
    expect(res).toMatchObject({ status: 200, body: { name: '张*三', verified: false } });
  });

  it('when a verified account sends its ID again with another name, then 409 CLAIM_NAME_MISMATCH and the verified name stays', async () => {
    const resident = await registerResident(app.url, { name: '张小二' });
    const res = await register(resident.token, { name: '张小三', idNumber: resident.idNumber });
    expect(res).toMatchObject({ status: 409, body: { error: { code: 'CLAIM_NAME_MISMATCH' } } });
    expect((await call(app.url, 'GET', '/api/me', undefined, { token: resident.token })).body).toMatchObject({ name: '张*二', verified: true });
  });

  it('when a registered account tries another ID number, then 409 IDENTITY_ALREADY_SET', async () => {
    const resident = await registerResident(app.url);
    expect(await register(resident.token, { name: '张三', idNumber: newIdNumber() })).toMatchObject({
      status: 409,
      body: { error: { code: 'IDENTITY_ALREADY_SET' } },
    });
  });

  it('when two accounts race to register one ID number, then exactly one wins', async () => {
    const [a, b] = await Promise.all([loginBySms(app.url), loginBySms(app.url)]);
    const idNumber = newIdNumber();
    const results = await Promise.all([register(a.token, { name: '张三', idNumber }), register(b.token, { name: '张三', idNumber })]);
    expect(results.map((r) => r.status).sort()).toEqual([200, 409]);
  });

  it('when not logged in, then 401', async () => {
    expect((await register('x'.repeat(43), { name: '张三', idNumber: newIdNumber() })).status).toBe(401);
  });

  it('when the resident switches to English, then /api/me remembers it; an unknown locale is 400', async () => {
    const { token } = await loginBySms(app.url);
    expect((await call(app.url, 'PATCH', '/api/me', { locale: 'en' }, { token })).body.locale).toBe('en');
    expect((await call(app.url, 'GET', '/api/me', undefined, { token })).body.locale).toBe('en');
    expect((await call(app.url, 'PATCH', '/api/me', { locale: 'fr' }, { token })).status).toBe(400);
  });
});

describe('logs hold no personal data', () => {
  it('when a resident logs in and registers, then no log line holds the phone, ID number, name or code', async () => {
    const resident = await registerResident(app.url, { name: '王小明' });
    const logs = app.logs.join('\n');
    expect(app.logs.length).toBeGreaterThan(3);
    for (const secret of [resident.phone, resident.idNumber, '王小明', resident.token]) expect(logs).not.toContain(secret);
  });
});
