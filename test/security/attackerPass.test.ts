/**
 * An attacker's pass over the issue 10 fixes (decisions 0008–0012): each test is a way around
 * a fix that worked over HTTP before its own commit.
 */
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { declareResident, loginBySms } from '../support/flows';
import { call } from '../support/http';
import { newIdNumber } from '../support/ids';
import { grantRole } from '../support/roles';
import { startTestApp, type TestApp } from '../support/testApp';

let app: TestApp;
beforeAll(async () => {
  app = await startTestApp();
});
afterAll(() => app.close());
beforeEach(() => app.reset());

const LEGAL = '《传染病防治法》第三十九条';

describe('declared registration is no free oracle of who is registered or marked', () => {
  it('when one account PUTs other people’s ID numbers, then after 5 refusals a day it gets 429 TOO_MANY_ATTEMPTS, for a free ID number too', async () => {
    const registered = [];
    for (let i = 0; i < 3; i++) registered.push((await declareResident(app.url, { name: '某某某' })).idNumber);
    const cdc = await loginBySms(app.url);
    await grantRole(app, cdc.phone, 'authority', '440105');
    const marked = newIdNumber('19500101');
    expect((await call(app.url, 'POST', '/api/marks', { idNumber: marked, color: 'red', reason: 'CLOSE_CONTACT', note: '密接', legalBasis: LEGAL }, { token: cdc.token })).status).toBe(201);

    const prober = await loginBySms(app.url);
    const put = (idNumber: string) => call(app.url, 'PUT', '/api/me/identity', { name: '探子', idNumber }, { token: prober.token });
    // Five questions a day, as many as verification starts (decision 0008).
    for (const id of [...registered, registered[0], marked]) expect((await put(id)).status).toBe(409);
    for (const id of [registered[1], marked, newIdNumber('19900101')]) {
      const res = await put(id);
      expect(res).toMatchObject({ status: 429, body: { error: { code: 'TOO_MANY_ATTEMPTS' } } });
      expect(Number(res.headers.get('retry-after'))).toBeGreaterThan(0);
    }
  });

  it('when a resident registers and then corrects the typo in their own name many times, then nothing is refused', async () => {
    const me = await declareResident(app.url, { name: '张晓三' });
    for (let i = 0; i < 8; i++) {
      expect((await call(app.url, 'PUT', '/api/me/identity', { name: i % 2 ? '张晓三' : '张小三', idNumber: me.idNumber }, { token: me.token })).status).toBe(200);
    }
  });
});
