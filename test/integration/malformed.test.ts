import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { loginBySms, registerResident } from '../support/flows';
import { call } from '../support/http';
import { grantRole } from '../support/roles';
import { startTestApp, type TestApp } from '../support/testApp';

/** Odd but possible inputs: each must get a 4xx with a code, never a 500 or a partial write. */
let app: TestApp;
beforeAll(async () => {
  app = await startTestApp();
});
afterAll(() => app.close());
beforeEach(() => app.reset());

describe('malformed input never reaches a 500', () => {
  it('when an operator sends an impossible calendar date, then 400', async () => {
    const op = await loginBySms(app.url);
    await grantRole(app, op.phone, 'operator');
    for (const effectiveFrom of ['2026-02-30T00:00:00Z', '2026-13-01T00:00:00Z', '9999-99-99T99:99:99Z']) {
      const res = await call(app.url, 'POST', '/api/risk-areas', { code: '440305', name: '南山区', level: 'high', effectiveFrom }, { token: op.token });
      expect(res.status).toBe(400);
      expect(res.body.error.code).toBe('INVALID_REQUEST');
    }
    expect((await call(app.url, 'GET', '/api/risk-areas')).body.areas).toEqual([]);
  });

  it('when the JSON body is null, a number or a string, then 400', async () => {
    const r = await registerResident(app.url);
    for (const raw of ['null', '42', '"text"', '[]']) {
      const res = await call(app.url, 'POST', '/api/me/checkins', undefined, { token: r.token, rawBody: raw, headers: { 'content-type': 'application/json' } });
      expect(res.status).toBe(400);
    }
  });

  it('when a query parameter repeats, then 400', async () => {
    const res = await call(app.url, 'GET', '/api/dev/sms-outbox?phone=13800138000&phone=13800138001');
    expect(res).toMatchObject({ status: 400, body: { error: { code: 'INVALID_REQUEST' } } });
  });

  it('when the Authorization header is odd, then 401', async () => {
    for (const header of ['Bearer', 'Bearer ', 'Basic abc', `Bearer 99999999999999999999999.${'a'.repeat(43)}`, 'Bearer ../../etc']) {
      const res = await call(app.url, 'GET', '/api/me/code', undefined, { headers: { authorization: header } });
      expect(res.status).toBe(401);
    }
  });
});
