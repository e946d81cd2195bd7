import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { redisKeys } from '@yima/bff/src/redisKeys';
import { call, newIp } from '../support/http';
import { newPhone } from '../support/ids';
import { startFakeTencentSms } from '../support/fakes/tencentSms';
import { startTestApp, type TestApp } from '../support/testApp';
import { deleteKeys, keysMatching } from '../support/redisTest';

/** Ends a rate-limit window now. rate-limiter-flexible keeps windows as Redis TTLs, which
 * follow Redis's clock, not ours: expiring the key is how a test crosses the window. */
async function endWindow(app: TestApp, name: string, key: string) {
  const found = await keysMatching(app.redis, `${redisKeys.limiter(name)}*${key}`);
  expect(found.length).toBeGreaterThan(0);
  await deleteKeys(app.redis, found);
}
const phoneHash = (app: TestApp, phone: string) => {
  // Same derivation as the BFF: tests look up limiter keys without ever writing phones to Redis.
  return import('@yima/bff/src/crypto/pii').then(({ createPii }) => createPii(app.config.piiKey, app.config.blindIndexKey).blindIndexHex('phone', phone));
};

describe('SMS codes (outbox provider)', () => {
  let app: TestApp;
  beforeAll(async () => {
    app = await startTestApp({ env: { SMS_IP_LIMIT: '4', SMS_IP_WINDOW_SECONDS: '3600' } });
  });
  afterAll(() => app.close());
  beforeEach(() => app.reset());

  it('when a valid phone asks, then 202 with the resend delay and a 6-digit code in the outbox', async () => {
    const phone = newPhone();
    const res = await call(app.url, 'POST', '/api/auth/sms-codes', { phone }, { ip: newIp() });
    expect(res).toMatchObject({ status: 202, body: { resendAfterSeconds: 60 } });
    const outbox = await call(app.url, 'GET', `/api/dev/sms-outbox?phone=${phone}`);
    expect(outbox.body.messages).toHaveLength(1);
    expect(outbox.body.messages[0].text).toMatch(/验证码 \d{6}，5 分钟内有效/);
  });

  it.each(['12345', '1380013800', '23800138000', ''])('when the phone is %j, then 400 INVALID_PHONE', async (phone) => {
    const res = await call(app.url, 'POST', '/api/auth/sms-codes', { phone });
    expect(res).toMatchObject({ status: 400, body: { error: { code: 'INVALID_PHONE' } } });
  });

  it('when the same phone asks again within 60 s, then 429 SMS_RATE_LIMITED with Retry-After, and no second message', async () => {
    const phone = newPhone();
    expect((await call(app.url, 'POST', '/api/auth/sms-codes', { phone }, { ip: newIp() })).status).toBe(202);
    const res = await call(app.url, 'POST', '/api/auth/sms-codes', { phone }, { ip: newIp() });
    expect(res.status).toBe(429);
    expect(res.body.error.code).toBe('SMS_RATE_LIMITED');
    expect(res.body.error.retryAfterSeconds).toBeGreaterThan(55);
    expect(res.body.error.retryAfterSeconds).toBeLessThanOrEqual(60);
    expect(res.headers.get('retry-after')).toBe(String(res.body.error.retryAfterSeconds));
    const outbox = await call(app.url, 'GET', `/api/dev/sms-outbox?phone=${phone}`);
    expect(outbox.body.messages).toHaveLength(1);
  });

  it('when a phone has had 5 codes this hour, then the 6th is refused even after the minute has passed', async () => {
    const phone = newPhone();
    const key = await phoneHash(app, phone);
    for (let i = 0; i < 5; i++) {
      expect((await call(app.url, 'POST', '/api/auth/sms-codes', { phone }, { ip: newIp() })).status).toBe(202);
      await endWindow(app, 'sms:phone:60s', key);
    }
    const res = await call(app.url, 'POST', '/api/auth/sms-codes', { phone }, { ip: newIp() });
    expect(res).toMatchObject({ status: 429, body: { error: { code: 'SMS_RATE_LIMITED' } } });
    expect(res.body.error.retryAfterSeconds).toBeGreaterThan(3000);
  });

  it('when a phone has had 10 codes today, then the 11th is refused even after the hour has passed', async () => {
    const phone = newPhone();
    const key = await phoneHash(app, phone);
    for (let i = 0; i < 10; i++) {
      expect((await call(app.url, 'POST', '/api/auth/sms-codes', { phone }, { ip: newIp() })).status).toBe(202);
      await endWindow(app, 'sms:phone:60s', key);
      if (i === 4) await endWindow(app, 'sms:phone:1h', key);
    }
    await endWindow(app, 'sms:phone:1h', key);
    const res = await call(app.url, 'POST', '/api/auth/sms-codes', { phone }, { ip: newIp() });
    expect(res).toMatchObject({ status: 429, body: { error: { code: 'SMS_RATE_LIMITED' } } });
    expect(res.body.error.retryAfterSeconds).toBeGreaterThan(80_000);
  });

  it('when one client address asks for more phones than its limit, then it is refused and the phone keeps its quota', async () => {
    const ip = newIp();
    for (let i = 0; i < 4; i++) expect((await call(app.url, 'POST', '/api/auth/sms-codes', { phone: newPhone() }, { ip })).status).toBe(202);
    const phone = newPhone();
    const refused = await call(app.url, 'POST', '/api/auth/sms-codes', { phone }, { ip });
    expect(refused).toMatchObject({ status: 429, body: { error: { code: 'SMS_RATE_LIMITED' } } });
    // The phone's own 60 s limit was given back: from another network it gets a code at once.
    expect((await call(app.url, 'POST', '/api/auth/sms-codes', { phone }, { ip: newIp() })).status).toBe(202);
  });
});

describe('SMS codes against the provider (fake Tencent Cloud SMS on loopback)', () => {
  let app: TestApp;
  let tencent: Awaited<ReturnType<typeof startFakeTencentSms>>;
  beforeAll(async () => {
    tencent = await startFakeTencentSms();
    app = await startTestApp({
      env: {
        SMS_PROVIDER: 'tencent',
        TENCENT_SMS_ENDPOINT: tencent.host,
        TENCENT_SMS_PROTOCOL: 'http',
        TENCENT_SMS_SECRET_ID: 'AKIDtest',
        TENCENT_SMS_SECRET_KEY: 'secret',
        TENCENT_SMS_SDK_APP_ID: '1400000000',
        TENCENT_SMS_SIGN_NAME: '一码通行',
        TENCENT_SMS_TEMPLATE_ID: '100001',
        SMS_TIMEOUT_MS: '1500',
        SMS_GLOBAL_PER_SECOND: '3',
      },
    });
  });
  afterAll(async () => {
    await app.close();
    await tencent.close();
  });
  beforeEach(async () => {
    await app.reset();
    tencent.setMode('ok');
    tencent.requests.length = 0;
    tencent.sent.length = 0;
  });

  it('when the provider accepts, then it received the +86 number and the code as template parameters', async () => {
    const phone = newPhone();
    const res = await call(app.url, 'POST', '/api/auth/sms-codes', { phone }, { ip: newIp() });
    expect(res.status).toBe(202);
    expect(tencent.sent).toHaveLength(1);
    expect(tencent.sent[0].phone).toBe(`+86${phone}`);
    expect(tencent.sent[0].params[0]).toMatch(/^\d{6}$/);
    expect(tencent.sent[0].params[1]).toBe('5');
  });

  it('when the code from the provider is used, then it logs in', async () => {
    const phone = newPhone();
    await call(app.url, 'POST', '/api/auth/sms-codes', { phone }, { ip: newIp() });
    const res = await call(app.url, 'POST', '/api/auth/sessions', { method: 'sms', phone, code: tencent.sent[0].params[0] });
    expect(res.status).toBe(201);
  });

  it('when the dev outbox is asked for with a real provider, then the route does not exist', async () => {
    expect((await call(app.url, 'GET', '/api/dev/sms-outbox?phone=13800138000')).status).toBe(404);
  });

  it.each(['refuse', 'error', 'http500'] as const)(
    'when the provider answers %s, then 503 SMS_PROVIDER_UNAVAILABLE offers simple login and the phone may retry at once',
    async (mode) => {
      tencent.setMode(mode);
      const phone = newPhone();
      const res = await call(app.url, 'POST', '/api/auth/sms-codes', { phone }, { ip: newIp() });
      expect(res).toMatchObject({ status: 503, body: { error: { code: 'SMS_PROVIDER_UNAVAILABLE', alternatives: ['simple'] } } });
      tencent.setMode('ok');
      expect((await call(app.url, 'POST', '/api/auth/sms-codes', { phone }, { ip: newIp() })).status).toBe(202);
    },
  );

  it('when the provider hangs, then the user is told within 2 s and no code is left behind', async () => {
    tencent.setMode('hang');
    const phone = newPhone();
    const started = Date.now();
    const res = await call(app.url, 'POST', '/api/auth/sms-codes', { phone }, { ip: newIp() });
    const elapsed = Date.now() - started;
    expect(res.body.error.code).toBe('SMS_PROVIDER_UNAVAILABLE');
    expect(elapsed).toBeLessThan(2000);
    expect(await keysMatching(app.redis, 'yima:sms:code:*')).toEqual([]);
  });

  it('when the global capacity is used up, then SMS_PROVIDER_BUSY offers simple login, the provider is not called, and the phone keeps its quota', async () => {
    for (let i = 0; i < 3; i++) await call(app.url, 'POST', '/api/auth/sms-codes', { phone: newPhone() }, { ip: newIp() });
    const callsBefore = tencent.requests.length;
    const phone = newPhone();
    const res = await call(app.url, 'POST', '/api/auth/sms-codes', { phone }, { ip: newIp() });
    expect(res.status).toBe(429);
    expect(res.body.error).toMatchObject({ code: 'SMS_PROVIDER_BUSY', alternatives: ['simple'] });
    expect(res.body.error.retryAfterSeconds).toBe(1);
    expect(res.headers.get('retry-after')).toBe('1');
    expect(tencent.requests.length).toBe(callsBefore);
    // Next second: the same phone is served, its own 60 s limit was not spent on the refusal.
    await deleteKeys(app.redis, await keysMatching(app.redis, `${redisKeys.limiter('sms:global')}*`));
    expect((await call(app.url, 'POST', '/api/auth/sms-codes', { phone }, { ip: newIp() })).status).toBe(202);
  });
});
