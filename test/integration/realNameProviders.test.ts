/**
 * Real-name verification against fake Tencent FaceID, WeChat and Alipay servers on loopback
 * (docs/decisions/0008): each provider passes, fails, times out within a bounded time, and
 * never lets one provider result complete two verifications, another account's, or another
 * name's and ID number's.
 */
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { loginBySms } from '../support/flows';
import { call } from '../support/http';
import { newIdNumber } from '../support/ids';
import { startFakeAlipayCertify } from '../support/fakes/alipayCertify';
import { startFakeFaceId } from '../support/fakes/tencentFaceId';
import { startFakeWechatFace } from '../support/fakes/wechatFace';
import { startTestApp, type TestApp } from '../support/testApp';

let app: TestApp;
let faceid: Awaited<ReturnType<typeof startFakeFaceId>>;
let wechat: Awaited<ReturnType<typeof startFakeWechatFace>>;
let alipay: Awaited<ReturnType<typeof startFakeAlipayCertify>>;

beforeAll(async () => {
  faceid = await startFakeFaceId('AKIDtest', 'faceid-secret-key', 'rule-1');
  wechat = await startFakeWechatFace('wx-test-app', 'wx-secret');
  alipay = await startFakeAlipayCertify('2021000000000001');
  app = await startTestApp({
    env: {
      REAL_NAME_PROVIDERS: 'tencent,wechat,alipay',
      REAL_NAME_TIMEOUT_MS: '800',
      TENCENT_FACEID_ENDPOINT: faceid.url,
      TENCENT_FACEID_SECRET_ID: 'AKIDtest',
      TENCENT_FACEID_SECRET_KEY: 'faceid-secret-key',
      TENCENT_FACEID_RULE_ID: 'rule-1',
      WECHAT_API_BASE: wechat.url,
      WECHAT_APP_ID: 'wx-test-app',
      WECHAT_APP_SECRET: 'wx-secret',
      ALIPAY_GATEWAY: `${alipay.url}/gateway.do`,
      ALIPAY_APP_ID: '2021000000000001',
      ALIPAY_PRIVATE_KEY: alipay.appPrivateKey,
      ALIPAY_PUBLIC_KEY: alipay.platformPublicKey,
    },
  });
});
afterAll(async () => {
  await app.close();
  await Promise.all([faceid.close(), wechat.close(), alipay.close()]);
});
beforeEach(async () => {
  await app.reset();
  faceid.setMode('ok');
  wechat.setMode('ok');
  alipay.setMode('ok');
});

interface Who {
  name: string;
  idNumber: string;
}
interface Started {
  id: string;
  provider: string;
  client: { url?: string; certifyId?: string };
}
type Ending = 'pass' | 'fail' | { as: Who };

/** What the user does in each provider's page or API, and what the client brings back. */
const providers = [
  {
    provider: 'tencent',
    channel: 'h5',
    finish(s: Started, _who: Who, e: Ending): string | undefined {
      faceid.finish(s.client.url!, e === 'fail' ? { kind: 'fail' } : e === 'pass' ? { kind: 'pass' } : { kind: 'pass', ...e.as });
      return undefined;
    },
    hang: () => faceid.setMode('hang'),
    ok: () => faceid.setMode('ok'),
  },
  {
    provider: 'wechat',
    channel: 'weapp',
    finish(_s: Started, who: Who, e: Ending): string | undefined {
      return wechat.issueResult(typeof e === 'object' ? e.as : who, e === 'fail' ? 90100 : 0);
    },
    hang: () => wechat.setMode('hang'),
    ok: () => wechat.setMode('ok'),
  },
  {
    provider: 'alipay',
    channel: 'alipay',
    finish(s: Started, _who: Who, e: Ending): string | undefined {
      alipay.finish(s.client.certifyId!, e !== 'fail', typeof e === 'object' ? e.as : undefined);
      return undefined;
    },
    hang: () => alipay.setMode('hang'),
    ok: () => alipay.setMode('ok'),
  },
] as const;

const start = (token: string, who: Who, channel: string) => call(app.url, 'POST', '/api/me/identity/verifications', { ...who, channel }, { token });
const complete = (token: string, id: string, result?: string) =>
  call(app.url, 'POST', `/api/me/identity/verifications/${id}/result`, result ? { result } : {}, { token });
const me = async (token: string) => (await call(app.url, 'GET', '/api/me', undefined, { token })).body;
const someone = (): Who => ({ name: '陈一一', idNumber: newIdNumber('19900101') });

describe.each(providers)('$provider', (p) => {
  async function started(who: Who = someone()) {
    const user = await loginBySms(app.url);
    const res = await start(user.token, who, p.channel);
    expect(res).toMatchObject({ status: 201, body: { id: expect.stringMatching(/^[0-9a-f]{32}$/), provider: p.provider, expiresAt: expect.any(String) } });
    return { user, who, s: res.body as Started };
  }

  it('when the face check passes, then the account is registered and verified for that name and ID number', async () => {
    const { user, who, s } = await started();
    const res = await complete(user.token, s.id, p.finish(s, who, 'pass'));
    expect(res).toMatchObject({
      status: 200,
      body: { registered: true, verified: true, name: '陈*一', idNumber: `${who.idNumber.slice(0, 6)}********${who.idNumber.slice(-4)}` },
    });
    expect(await me(user.token)).toMatchObject({ verified: true });
  });

  it('when the face check fails, then 422 VERIFICATION_FAILED, nothing is registered, and the verification cannot be completed again', async () => {
    const { user, who, s } = await started();
    const result = p.finish(s, who, 'fail');
    expect(await complete(user.token, s.id, result)).toMatchObject({ status: 422, body: { error: { code: 'VERIFICATION_FAILED' } } });
    expect(await me(user.token)).toMatchObject({ registered: false, verified: false });
    expect(await complete(user.token, s.id, result)).toMatchObject({ status: 409, body: { error: { code: 'VERIFICATION_INVALID' } } });
  });

  it('when the provider does not answer, then 502 VERIFICATION_UNAVAILABLE within 2 s, and the verification can be completed once it is back', async () => {
    const { user, who, s } = await started();
    const result = p.finish(s, who, 'pass');
    p.hang();
    const t0 = Date.now();
    expect(await complete(user.token, s.id, result)).toMatchObject({ status: 502, body: { error: { code: 'VERIFICATION_UNAVAILABLE' } } });
    expect(Date.now() - t0).toBeLessThan(2000);
    p.ok();
    expect(await complete(user.token, s.id, result)).toMatchObject({ status: 200, body: { verified: true } });
  });

  it('when a passed result is used twice, then the second is refused', async () => {
    const { user, who, s } = await started();
    const result = p.finish(s, who, 'pass');
    expect((await complete(user.token, s.id, result)).status).toBe(200);
    expect(await complete(user.token, s.id, result)).toMatchObject({ status: 409, body: { error: { code: 'VERIFICATION_INVALID' } } });
  });

  it('when another account completes someone’s verification, then 404 and neither account is verified by it', async () => {
    const { user, who, s } = await started();
    const result = p.finish(s, who, 'pass');
    const other = await loginBySms(app.url);
    expect(await complete(other.token, s.id, result)).toMatchObject({ status: 404, body: { error: { code: 'NOT_FOUND' } } });
    expect(await me(other.token)).toMatchObject({ registered: false, verified: false });
    expect((await complete(user.token, s.id, result)).status).toBe(200);
  });

  it('when the provider verified another name or ID number than the one started for, then 409 VERIFICATION_INVALID and nothing is registered', async () => {
    const { user, who, s } = await started();
    const result = p.finish(s, who, { as: { name: '坏人甲', idNumber: who.idNumber } });
    expect(await complete(user.token, s.id, result)).toMatchObject({ status: 409, body: { error: { code: 'VERIFICATION_INVALID' } } });
    expect(await me(user.token)).toMatchObject({ registered: false });
  });

  it('when a started verification has expired, then it cannot be completed', async () => {
    const { user, who, s } = await started();
    const result = p.finish(s, who, 'pass');
    app.clock.advance(31 * 60_000);
    expect(await complete(user.token, s.id, result)).toMatchObject({
      status: 409,
      body: { error: { code: 'VERIFICATION_INVALID', message: expect.stringContaining('expired') } },
    });
  });
});

describe('provider specifics', () => {
  it('when a WeChat verify_result already completed one account’s verification, then another account cannot use it for its own', async () => {
    const who = someone();
    const [a, b] = [await loginBySms(app.url), await loginBySms(app.url)];
    const sa = (await start(a.token, who, 'weapp')).body as Started;
    const sb = (await start(b.token, who, 'weapp')).body as Started;
    const result = wechat.issueResult(who);
    expect((await complete(a.token, sa.id, result)).status).toBe(200);
    expect(await complete(b.token, sb.id, result)).toMatchObject({ status: 409, body: { error: { code: 'VERIFICATION_INVALID' } } });
    expect(await me(b.token)).toMatchObject({ registered: false });
  });

  it('when a WeChat verify_result is unknown to WeChat, then 409 VERIFICATION_INVALID and the verification may still be completed', async () => {
    const who = someone();
    const user = await loginBySms(app.url);
    const s = (await start(user.token, who, 'weapp')).body as Started;
    expect(await complete(user.token, s.id, 'VR-made-up')).toMatchObject({ status: 409, body: { error: { code: 'VERIFICATION_INVALID' } } });
    expect(await complete(user.token, s.id)).toMatchObject({ status: 409, body: { error: { code: 'VERIFICATION_INVALID' } } });
    expect((await complete(user.token, s.id, wechat.issueResult(who))).status).toBe(200);
  });

  it('when WeChat’s access token went stale, then the BFF fetches a new one and carries on', async () => {
    const who = someone();
    const user = await loginBySms(app.url);
    const s = (await start(user.token, who, 'weapp')).body as Started;
    expect(await complete(user.token, s.id, 'VR-warm-up')).toMatchObject({ status: 409 }); // a token is now cached
    wechat.expireTokens();
    expect((await complete(user.token, s.id, wechat.issueResult(who))).status).toBe(200);
  });

  it('when the user has not finished on Tencent’s page yet, then 409 VERIFICATION_PENDING, and 200 once they have', async () => {
    const who = someone();
    const user = await loginBySms(app.url);
    const s = (await start(user.token, who, 'h5')).body as Started;
    expect(s.client.url).toMatch(/^https:\/\/faceid\.example\/h5\?token=/);
    expect(s).not.toHaveProperty('ref'); // the BizToken itself stays on the server
    expect(await complete(user.token, s.id)).toMatchObject({ status: 409, body: { error: { code: 'VERIFICATION_PENDING' } } });
    faceid.finish(s.client.url!, { kind: 'pass' });
    expect((await complete(user.token, s.id)).status).toBe(200);
  });

  it('when Tencent cannot be reached at start, then 502 and the start does not count against the daily limit', async () => {
    const user = await loginBySms(app.url);
    faceid.setMode('hang');
    const t0 = Date.now();
    expect(await start(user.token, someone(), 'h5')).toMatchObject({ status: 502, body: { error: { code: 'VERIFICATION_UNAVAILABLE' } } });
    expect(Date.now() - t0).toBeLessThan(2000);
    faceid.setMode('internalError');
    for (let i = 0; i < 5; i++) expect((await start(user.token, someone(), 'h5')).status).toBe(502);
    faceid.setMode('ok');
    expect((await start(user.token, someone(), 'h5')).status).toBe(201);
  });

  it('when an Alipay answer fails its signature, then 502 and nobody is verified', async () => {
    const who = someone();
    const user = await loginBySms(app.url);
    const s = (await start(user.token, who, 'alipay')).body as Started;
    expect(s.client.url).toContain('method=alipay.user.certify.open.certify');
    alipay.finish(s.client.certifyId!, true);
    alipay.setMode('badSignature');
    expect(await complete(user.token, s.id)).toMatchObject({ status: 502, body: { error: { code: 'VERIFICATION_UNAVAILABLE' } } });
    expect(await me(user.token)).toMatchObject({ verified: false });
  });
});

describe('starting', () => {
  it('when an account starts more than 5 verifications in a day, then 429 VERIFICATION_RATE_LIMITED with a retry time', async () => {
    const user = await loginBySms(app.url);
    for (let i = 0; i < 5; i++) expect((await start(user.token, someone(), 'weapp')).status).toBe(201);
    const res = await start(user.token, someone(), 'weapp');
    expect(res).toMatchObject({ status: 429, body: { error: { code: 'VERIFICATION_RATE_LIMITED', retryAfterSeconds: expect.any(Number) } } });
    // Another account is not affected.
    expect((await start((await loginBySms(app.url)).token, someone(), 'weapp')).status).toBe(201);
  });

  it.each([
    [{ name: '张', idNumber: '11010519491231002X', channel: 'h5' }, 400, 'INVALID_NAME'],
    [{ name: '张三', idNumber: '110105194912310021', channel: 'h5' }, 400, 'INVALID_ID_NUMBER'],
    [{ name: '张三', idNumber: '11010519491231002X', channel: 'sms' }, 400, 'INVALID_REQUEST'],
    [{ name: '张三', idNumber: '11010519491231002X', extra: 1 }, 400, 'INVALID_REQUEST'],
  ])('when the start body is %j, then %i %s', async (body, status, code) => {
    const user = await loginBySms(app.url);
    expect(await call(app.url, 'POST', '/api/me/identity/verifications', body, { token: user.token })).toMatchObject({ status, body: { error: { code } } });
  });

  it('when the result body or id is malformed or unknown, then 4xx, never 500', async () => {
    const user = await loginBySms(app.url);
    expect((await complete(user.token, 'nope')).status).toBe(404);
    expect((await complete(user.token, 'a'.repeat(32))).status).toBe(404);
    expect(
      (await call(app.url, 'POST', `/api/me/identity/verifications/${'a'.repeat(32)}/result`, { result: 'x'.repeat(600) }, { token: user.token })).status,
    ).toBe(400);
    expect((await call(app.url, 'POST', `/api/me/identity/verifications/${'a'.repeat(32)}/result`, { result: 1 }, { token: user.token })).status).toBe(400);
    expect((await call(app.url, 'POST', '/api/me/identity/verifications', { name: '张三', idNumber: newIdNumber() })).status).toBe(401);
  });

  it('when the account already verified, or another account holds the ID number, then 409 before any face check', async () => {
    const who = someone();
    const user = await loginBySms(app.url);
    const s = (await start(user.token, who, 'weapp')).body as Started;
    expect((await complete(user.token, s.id, wechat.issueResult(who))).status).toBe(200);
    expect(await start(user.token, who, 'weapp')).toMatchObject({ status: 409, body: { error: { code: 'ALREADY_VERIFIED' } } });
    const other = await loginBySms(app.url);
    expect(await start(other.token, who, 'weapp')).toMatchObject({ status: 409, body: { error: { code: 'ID_ALREADY_REGISTERED' } } });
  });

  it('when no provider is configured, then 503 VERIFICATION_NOT_CONFIGURED', async () => {
    const bare = await startTestApp({ env: { REAL_NAME_PROVIDERS: '' } });
    try {
      const user = await loginBySms(bare.url);
      expect(await call(bare.url, 'POST', '/api/me/identity/verifications', { ...someone(), channel: 'h5' }, { token: user.token })).toMatchObject({
        status: 503,
        body: { error: { code: 'VERIFICATION_NOT_CONFIGURED' } },
      });
    } finally {
      await bare.close();
    }
  });

  it('when verifications run, then no log line holds the name or ID number', async () => {
    const who = { name: '欧阳明月', idNumber: newIdNumber('19850505') };
    const user = await loginBySms(app.url);
    const s = (await start(user.token, who, 'h5')).body as Started;
    faceid.setMode('internalError');
    await complete(user.token, s.id);
    faceid.setMode('ok');
    faceid.finish(s.client.url!, { kind: 'pass' });
    expect((await complete(user.token, s.id)).status).toBe(200);
    const logs = app.logs.join('\n');
    for (const secret of [who.name, who.idNumber, who.idNumber.slice(6, 14)]) expect(logs).not.toContain(secret);
  });
});
