import { generateKeyPairSync } from 'node:crypto';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { latestCode } from '../support/flows';
import { call, newIp } from '../support/http';
import { newPhone } from '../support/ids';
import { startFakeAlipay } from '../support/fakes/alipay';
import { startFakeWechat } from '../support/fakes/wechat';
import { startTestApp, type TestApp } from '../support/testApp';
import { deleteKeys, keysMatching } from '../support/redisTest';

let app: TestApp;
let wechat: Awaited<ReturnType<typeof startFakeWechat>>;
let alipay: Awaited<ReturnType<typeof startFakeAlipay>>;

beforeAll(async () => {
  wechat = await startFakeWechat('wx-test-app', 'wx-secret');
  alipay = await startFakeAlipay('2021000000000001');
  app = await startTestApp({
    env: {
      WECHAT_API_BASE: wechat.url,
      WECHAT_APP_ID: 'wx-test-app',
      WECHAT_APP_SECRET: 'wx-secret',
      ALIPAY_GATEWAY: `${alipay.url}/gateway.do`,
      ALIPAY_APP_ID: '2021000000000001',
      ALIPAY_PRIVATE_KEY: alipay.appPrivateKey,
      ALIPAY_PUBLIC_KEY: alipay.platformPublicKey,
      PLATFORM_TIMEOUT_MS: '1500',
    },
  });
});
afterAll(async () => {
  await app.close();
  await wechat.close();
  await alipay.close();
});
beforeEach(async () => {
  await app.reset();
  wechat.setMode('ok');
  alipay.setMode('ok');
});

const session = (body: object) => call(app.url, 'POST', '/api/auth/sessions', body);

/** SMS login that presents a link ticket, as the mini-program does after a platform login. */
async function smsLoginWithTicket(phone: string, linkTicket: string) {
  await call(app.url, 'POST', '/api/auth/sms-codes', { phone }, { ip: newIp() });
  return session({ method: 'sms', phone, code: await latestCode(app.url, phone), linkTicket });
}

describe.each([
  { platform: 'wechat', body: (code: string) => ({ method: 'wechat', code }), issue: (id: string) => wechat.issueCode(id) },
  { platform: 'alipay', body: (code: string) => ({ method: 'alipay', authCode: code }), issue: (id: string) => alipay.issueCode(id) },
])('$platform login', ({ body, issue }) => {
  it('when the identity is new, then 200 asks for a phone; after an SMS login with the ticket, the next login is 201 for that account', async () => {
    const first = await session(body(issue('person-1')));
    expect(first.status).toBe(200);
    expect(first.body).toEqual({ linkRequired: true, linkTicket: expect.any(String), expiresAt: expect.any(String) });

    const phone = newPhone();
    const linked = await smsLoginWithTicket(phone, first.body.linkTicket);
    expect(linked.status).toBe(201);

    const again = await session(body(issue('person-1')));
    expect(again.status).toBe(201);
    expect(again.body.user.id).toBe(linked.body.user.id);
  });

  it('when a link ticket is used twice, then the second use does not link another phone', async () => {
    const first = await session(body(issue('person-2')));
    const a = await smsLoginWithTicket(newPhone(), first.body.linkTicket);
    expect(a.status).toBe(201);
    const b = await smsLoginWithTicket(newPhone(), first.body.linkTicket);
    expect(b).toMatchObject({ status: 400, body: { error: { code: 'LINK_TICKET_INVALID' } } });
    expect((await session(body(issue('person-2')))).body.user.id).toBe(a.body.user.id);
  });

  it('when the code is unknown to the platform, then 401 INVALID_CREDENTIALS', async () => {
    expect(await session(body('made-up-code'))).toMatchObject({ status: 401, body: { error: { code: 'INVALID_CREDENTIALS' } } });
  });

  it('when a code is used twice, then the second is refused by the platform and by us', async () => {
    const code = issue('person-3');
    expect((await session(body(code))).status).toBe(200);
    expect((await session(body(code))).status).toBe(401);
  });

  it('when the platform hangs, then 502 PLATFORM_UNAVAILABLE within 2 s, offering SMS and simple login', async () => {
    wechat.setMode('hang');
    alipay.setMode('hang');
    const started = Date.now();
    const res = await session(body(issue('person-4')));
    expect(Date.now() - started).toBeLessThan(2000);
    expect(res).toMatchObject({ status: 502, body: { error: { code: 'PLATFORM_UNAVAILABLE', alternatives: ['sms', 'simple'] } } });
  });

  it('when no answer ever carries the platform session key', async () => {
    const first = await session(body(issue('person-5')));
    const linked = await smsLoginWithTicket(newPhone(), first.body.linkTicket);
    const again = await session(body(issue('person-5')));
    for (const res of [first, linked, again]) expect(JSON.stringify(res.body)).not.toMatch(/SESSION-KEY|session_key|access_token|authusr/);
    expect(app.logs.join('')).not.toMatch(/SESSION-KEY|authusr/);
  });
});

describe('platform failures', () => {
  it.each(['busy', 'http500', 'garbage'] as const)('when WeChat answers %s, then 502 PLATFORM_UNAVAILABLE', async (mode) => {
    wechat.setMode(mode);
    expect(await session({ method: 'wechat', code: wechat.issueCode('p') })).toMatchObject({ status: 502, body: { error: { code: 'PLATFORM_UNAVAILABLE' } } });
  });

  it.each(['badSignature', 'unsigned'] as const)('when an Alipay answer is %s, then nobody is logged in (502)', async (mode) => {
    alipay.setMode(mode);
    expect(await session({ method: 'alipay', authCode: alipay.issueCode('p') })).toMatchObject({
      status: 502,
      body: { error: { code: 'PLATFORM_UNAVAILABLE' } },
    });
  });

  it('when Alipay reports a system error, then 502 PLATFORM_UNAVAILABLE', async () => {
    alipay.setMode('systemError');
    expect((await session({ method: 'alipay', authCode: alipay.issueCode('p') })).status).toBe(502);
  });

  it('when our request signature is wrong (bad app key), then Alipay refuses and we answer 502, not 401', async () => {
    const other = await startTestApp({
      env: {
        ALIPAY_GATEWAY: `${alipay.url}/gateway.do`,
        ALIPAY_APP_ID: '2021000000000001',
        ALIPAY_PRIVATE_KEY: generateKeyPairSync('rsa', { modulusLength: 2048 }).privateKey.export({ type: 'pkcs8', format: 'pem' }).toString(),
        ALIPAY_PUBLIC_KEY: alipay.platformPublicKey,
      },
    });
    try {
      expect((await call(other.url, 'POST', '/api/auth/sessions', { method: 'alipay', authCode: alipay.issueCode('p') })).status).toBe(502);
    } finally {
      await other.close();
    }
  });

  it('when a platform is not configured, then 400 PLATFORM_NOT_CONFIGURED', async () => {
    const bare = await startTestApp();
    try {
      expect(await call(bare.url, 'POST', '/api/auth/sessions', { method: 'wechat', code: 'c' })).toMatchObject({
        status: 400,
        body: { error: { code: 'PLATFORM_NOT_CONFIGURED' } },
      });
    } finally {
      await bare.close();
    }
  });

  it('when an account links a second WeChat identity, then the first one is untied: one WeChat per account', async () => {
    const phone = newPhone();
    const t1 = await session({ method: 'wechat', code: wechat.issueCode('old-wechat') });
    const a = await smsLoginWithTicket(phone, t1.body.linkTicket);
    const t2 = await session({ method: 'wechat', code: wechat.issueCode('new-wechat') });
    await deleteKeys(app.redis, await keysMatching(app.redis, 'yima:rl:sms:phone:60s*'));
    expect((await smsLoginWithTicket(phone, t2.body.linkTicket)).body.user.id).toBe(a.body.user.id);
    expect((await session({ method: 'wechat', code: wechat.issueCode('new-wechat') })).body.user.id).toBe(a.body.user.id);
    expect((await session({ method: 'wechat', code: wechat.issueCode('old-wechat') })).body.linkRequired).toBe(true);
  });
});
