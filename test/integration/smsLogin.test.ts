import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { latestCode, loginBySms } from '../support/flows';
import { call, newIp } from '../support/http';
import { newPhone } from '../support/ids';
import { startTestApp, type TestApp } from '../support/testApp';
import { deleteKeys, keysMatching } from '../support/redisTest';

let app: TestApp;
beforeAll(async () => {
  app = await startTestApp();
});
afterAll(() => app.close());
beforeEach(() => app.reset());

async function sendCode(phone: string): Promise<string> {
  expect((await call(app.url, 'POST', '/api/auth/sms-codes', { phone }, { ip: newIp() })).status).toBe(202);
  return latestCode(app.url, phone);
}
const smsLogin = (phone: string, code: string) => call(app.url, 'POST', '/api/auth/sessions', { method: 'sms', phone, code });

describe('SMS login', () => {
  it('when the right code is given, then 201 with a session for a new, unregistered account', async () => {
    const phone = newPhone();
    const res = await smsLogin(phone, await sendCode(phone));
    expect(res.status).toBe(201);
    expect(res.body.token).toMatch(new RegExp(`^${res.body.user.id}\\.[A-Za-z0-9_-]{43}$`));
    expect(Date.parse(res.body.expiresAt)).toBe(app.clock.now().getTime() + 7 * 86400_000);
    expect(res.body.user).toEqual({ id: expect.stringMatching(/^\d+$/), registered: false });
  });

  it('when the same phone logs in twice, then it is the same account', async () => {
    const first = await loginBySms(app.url);
    await deleteKeys(app.redis, await keysMatching(app.redis, 'yima:rl:sms:phone:60s*'));
    const again = await loginBySms(app.url, first.phone);
    expect(again.userId).toBe(first.userId);
  });

  it('when a code has been used, then it cannot be used again', async () => {
    const phone = newPhone();
    const code = await sendCode(phone);
    expect((await smsLogin(phone, code)).status).toBe(201);
    expect(await smsLogin(phone, code)).toMatchObject({ status: 401, body: { error: { code: 'INVALID_CREDENTIALS' } } });
  });

  it('when 5 minutes have passed, then the code no longer works; at 4:59 it still does', async () => {
    const phone = newPhone();
    const code = await sendCode(phone);
    app.clock.advance(5 * 60_000);
    const res = await smsLogin(phone, code);
    expect(res).toMatchObject({ status: 401, body: { error: { code: 'INVALID_CREDENTIALS' } } });
    expect(res.body.error.message).toMatch(/expired/);

    const other = newPhone();
    const fresh = await sendCode(other);
    app.clock.advance(5 * 60_000 - 1000);
    expect((await smsLogin(other, fresh)).status).toBe(201);
  });

  it('when a wrong code is tried, then 401 says how many tries are left; the 5th wrong try burns the code', async () => {
    const phone = newPhone();
    const code = await sendCode(phone);
    const wrong = code === '000000' ? '111111' : '000000';
    for (let left = 4; left >= 1; left--) {
      const res = await smsLogin(phone, wrong);
      expect(res).toMatchObject({ status: 401, body: { error: { code: 'INVALID_CREDENTIALS' } } });
      expect(res.body.error.message).toContain(`${left} tries left`);
    }
    const fifth = await smsLogin(phone, wrong);
    expect(fifth).toMatchObject({ status: 429, body: { error: { code: 'TOO_MANY_ATTEMPTS' } } });
    expect(fifth.headers.get('retry-after')).toMatch(/^\d+$/);
    // Burnt: even the right code no longer works.
    expect((await smsLogin(phone, code)).status).toBe(401);
  });

  it('when two wrong tries race, then both are counted', async () => {
    const phone = newPhone();
    const code = await sendCode(phone);
    const wrong = code === '000000' ? '111111' : '000000';
    await Promise.all([smsLogin(phone, wrong), smsLogin(phone, wrong)]);
    expect((await smsLogin(phone, wrong)).body.error.message).toContain('2 tries left');
  });

  it('when a new code is requested, then the old one stops working', async () => {
    const phone = newPhone();
    const old = await sendCode(phone);
    await deleteKeys(app.redis, await keysMatching(app.redis, 'yima:rl:sms:phone:60s*'));
    let fresh = await sendCode(phone);
    if (fresh === old) fresh = await sendCode(phone); // one in a million
    expect((await smsLogin(phone, old)).status).toBe(401);
    expect((await smsLogin(phone, fresh)).status).toBe(201);
  });

  it.each([
    [{ method: 'sms', phone: '13800138000', code: '12345' }, 'INVALID_REQUEST'],
    [{ method: 'sms', phone: '13800138000', code: 'abcdef' }, 'INVALID_REQUEST'],
    [{ method: 'sms', phone: 'x', code: '123456' }, 'INVALID_PHONE'],
    [{ method: 'password', phone: '13800138000' }, 'INVALID_REQUEST'],
    [{ phone: '13800138000', code: '123456' }, 'INVALID_REQUEST'],
    [{ method: 'wechat' }, 'INVALID_REQUEST'],
    [{ method: 'alipay', authCode: '' }, 'INVALID_REQUEST'],
  ])('when the body is %j, then 400 %s', async (body, code) => {
    const res = await call(app.url, 'POST', '/api/auth/sessions', body);
    expect(res).toMatchObject({ status: 400, body: { error: { code } } });
  });
});

describe('sessions', () => {
  it('when the session token is sent, then /api/me answers; without it, 401', async () => {
    const { token } = await loginBySms(app.url);
    expect((await call(app.url, 'GET', '/api/me', undefined, { token })).status).toBe(200);
    expect(await call(app.url, 'GET', '/api/me')).toMatchObject({ status: 401, body: { error: { code: 'UNAUTHENTICATED' } } });
    expect((await call(app.url, 'GET', '/api/me', undefined, { token: 'not-a-token' })).status).toBe(401);
  });

  it('when the user logs out, then the token stops working and logging out again is 401', async () => {
    const { token } = await loginBySms(app.url);
    expect((await call(app.url, 'DELETE', '/api/auth/sessions/current', undefined, { token })).status).toBe(204);
    expect((await call(app.url, 'GET', '/api/me', undefined, { token })).status).toBe(401);
    expect((await call(app.url, 'DELETE', '/api/auth/sessions/current', undefined, { token })).status).toBe(401);
  });

  it('when a browser logs out with a JSON Content-Type and no body, then it still works (no 415)', async () => {
    const { token } = await loginBySms(app.url);
    const res = await call(app.url, 'DELETE', '/api/auth/sessions/current', undefined, { token, headers: { 'content-type': 'application/json' } });
    expect(res.status).toBe(204);
    expect((await call(app.url, 'GET', '/api/me', undefined, { token })).status).toBe(401);
  });

  it('when the session has expired by our clock, then it is refused', async () => {
    const { token } = await loginBySms(app.url);
    app.clock.advance(7 * 86400_000 - 1000);
    expect((await call(app.url, 'GET', '/api/me', undefined, { token })).status).toBe(200);
    app.clock.advance(1000);
    expect((await call(app.url, 'GET', '/api/me', undefined, { token })).status).toBe(401);
  });

  it('when Redis is searched, then it holds neither the token nor the phone nor the code', async () => {
    const phone = newPhone();
    await sendCode(phone);
    const { token } = await loginBySms(app.url, newPhone());
    const keys = await keysMatching(app.redis, '*');
    const values = await Promise.all(
      keys.map(async (k) => ((await app.redis.type(k)) === 'string' ? app.redis.get(k) : JSON.stringify(await app.redis.hgetall(k).catch(() => ({}))))),
    );
    const everything = keys.join(' ') + values.join(' ');
    expect(everything).not.toContain(token);
    expect(everything).not.toContain(phone);
  });
});
