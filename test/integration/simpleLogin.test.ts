import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { loginBySms, registerResident } from '../support/flows';
import { call, newIp } from '../support/http';
import { newIdNumber } from '../support/ids';
import { startTestApp, type TestApp } from '../support/testApp';

let app: TestApp;
beforeAll(async () => {
  app = await startTestApp();
});
afterAll(() => app.close());
beforeEach(() => app.reset());

const simple = (phone: string, idLast4: string, ip = newIp()) => call(app.url, 'POST', '/api/auth/sessions', { method: 'simple', phone, idLast4 }, { ip });

describe('simple login (phone + last 4 of the ID number)', () => {
  it('when a registered resident gives the right digits, then 201 for their own account', async () => {
    const resident = await registerResident(app.url);
    const res = await simple(resident.phone, resident.idNumber.slice(-4));
    expect(res).toMatchObject({ status: 201, body: { user: { id: resident.userId, registered: true } } });
  });

  it('when the ID ends in X and the resident types x, then it still matches', async () => {
    let idNumber = newIdNumber();
    while (!idNumber.endsWith('X')) idNumber = newIdNumber();
    const resident = await registerResident(app.url, { idNumber });
    expect((await simple(resident.phone, resident.idNumber.slice(-4).toLowerCase())).status).toBe(201);
  });

  it('when the digits are wrong, or the phone never registered, then the same 401 (nothing revealed)', async () => {
    const resident = await registerResident(app.url);
    const wrong = resident.idNumber.slice(-4) === '0000' ? '1111' : '0000';
    const a = await simple(resident.phone, wrong);
    const unregistered = await loginBySms(app.url); // has an account, but no real name yet
    const b = await simple(unregistered.phone, '1234');
    const c = await simple('13700000000', '1234');
    for (const res of [a, b, c]) expect(res).toMatchObject({ status: 401, body: { error: { code: 'INVALID_CREDENTIALS' } } });
    expect(new Set([a, b, c].map((r) => r.body.error.message)).size).toBe(1);
  });

  it('when 5 wrong answers were given for a phone, then even the right one is refused with 429', async () => {
    const resident = await registerResident(app.url);
    const wrong = resident.idNumber.slice(-4) === '0000' ? '1111' : '0000';
    for (let i = 0; i < 5; i++) expect((await simple(resident.phone, wrong)).status).toBe(401);
    const res = await simple(resident.phone, resident.idNumber.slice(-4));
    expect(res).toMatchObject({ status: 429, body: { error: { code: 'TOO_MANY_ATTEMPTS' } } });
    expect(Number(res.headers.get('retry-after'))).toBeGreaterThan(3000);
  });

  it('when a right answer follows a few wrong ones, then the count starts again', async () => {
    const resident = await registerResident(app.url);
    const right = resident.idNumber.slice(-4);
    const wrong = right === '0000' ? '1111' : '0000';
    for (let i = 0; i < 4; i++) await simple(resident.phone, wrong);
    expect((await simple(resident.phone, right)).status).toBe(201);
    for (let i = 0; i < 4; i++) expect((await simple(resident.phone, wrong)).status).toBe(401);
    expect((await simple(resident.phone, right)).status).toBe(201);
  });

  it('when one client address guesses across many phones, then it is stopped after 50 wrong answers', async () => {
    const ip = newIp();
    for (let i = 0; i < 50; i++) await simple(`1370000${String(i).padStart(4, '0')}`, '1234', ip);
    const resident = await registerResident(app.url);
    const res = await simple(resident.phone, resident.idNumber.slice(-4), ip);
    expect(res).toMatchObject({ status: 429, body: { error: { code: 'TOO_MANY_ATTEMPTS' } } });
  });

  it.each([['123'], ['12345'], ['12a4'], ['X123']])('when idLast4 is %j, then 400 INVALID_REQUEST', async (idLast4) => {
    expect(await simple('13800138000', idLast4)).toMatchObject({ status: 400, body: { error: { code: 'INVALID_REQUEST' } } });
  });

  it('when a link ticket is sent with simple login, then it is refused (linking needs an SMS code)', async () => {
    const res = await call(app.url, 'POST', '/api/auth/sessions', { method: 'simple', phone: '13800138000', idLast4: '1234', linkTicket: 'a'.repeat(32) });
    expect(res).toMatchObject({ status: 400, body: { error: { code: 'INVALID_REQUEST' } } });
  });
});
