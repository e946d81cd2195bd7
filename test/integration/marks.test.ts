import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { loginBySms, registerResident } from '../support/flows';
import { call } from '../support/http';
import { newIdNumber } from '../support/ids';
import { grantRole } from '../support/roles';
import { startTestApp, type TestApp } from '../support/testApp';

let app: TestApp;
beforeAll(async () => {
  app = await startTestApp({ env: { SESSION_TTL_SECONDS: String(30 * 86400), HOTLINE: '020-12345' } });
});
afterAll(() => app.close());
beforeEach(() => app.reset());

const NORMAL = { temperature: 'normal', symptoms: [], visitedAreas: [], contact: 'none', address: { district: '440105', detail: '幸福路 1 号' } };
const code = (token: string) => call(app.url, 'GET', '/api/me/code', undefined, { token });
const audit = (token: string) => call(app.url, 'GET', '/api/me/audit', undefined, { token });
const setMark = (token: string, body: object) => call(app.url, 'POST', '/api/marks', body, { token });
const liftMark = (token: string, id: string, body: object = { reason: '隔离期满，检测阴性' }) => call(app.url, 'DELETE', `/api/marks/${id}`, body, { token });
const CLOSE_CONTACT = { color: 'red', reason: 'CLOSE_CONTACT', note: '与 11 月 20 日确诊病例同乘 K123 次列车', legalBasis: '《传染病防治法》第三十九条' };

async function authority(district: string) {
  const op = await loginBySms(app.url);
  await grantRole(app, op.phone, 'authority', district);
  return op;
}

describe('setting a mark', () => {
  it('when an authority marks a resident red, then the code turns red showing who set it, when, why, the legal basis and who can lift it', async () => {
    const r = await registerResident(app.url);
    await call(app.url, 'POST', '/api/me/checkins', NORMAL, { token: r.token });
    const cdc = await authority('440105');
    const res = await setMark(cdc.token, { ...CLOSE_CONTACT, idNumber: r.idNumber });
    expect(res).toMatchObject({ status: 201, body: { id: expect.stringMatching(/^\d+$/), district: '440105' } });
    const page = (await code(r.token)).body;
    expect(page).toMatchObject({
      color: 'red',
      decidedBy: 'mark:440105',
      reasons: [
        {
          source: 'mark:440105',
          color: 'red',
          reasonCode: 'CLOSE_CONTACT',
          note: '与 11 月 20 日确诊病例同乘 K123 次列车',
          setBy: 'authority:440105',
          effectiveAt: app.clock.now().toISOString(),
          hotline: '020-12345',
          mark: { id: res.body.id, legalBasis: '《传染病防治法》第三十九条', district: '440105' },
        },
      ],
    });
  });

  it('when the request lacks a legal basis, names an unlisted reason, a green colour or a bad ID number, then 400 with what is wrong', async () => {
    const cdc = await authority('440105');
    const idNumber = newIdNumber();
    expect(await setMark(cdc.token, { ...CLOSE_CONTACT, idNumber, legalBasis: '' })).toMatchObject({
      status: 400,
      body: { error: { code: 'INVALID_REQUEST', message: expect.stringContaining('legalBasis') } },
    });
    const { legalBasis: _omitted, ...noBasis } = CLOSE_CONTACT;
    expect(await setMark(cdc.token, { ...noBasis, idNumber })).toMatchObject({
      status: 400,
      body: { error: { message: expect.stringContaining('legalBasis') } },
    });
    expect(await setMark(cdc.token, { ...CLOSE_CONTACT, idNumber, reason: 'LOOKS_SUSPICIOUS' })).toMatchObject({
      status: 400,
      body: { error: { code: 'UNKNOWN_REASON' } },
    });
    expect(await setMark(cdc.token, { ...CLOSE_CONTACT, idNumber, color: 'green' })).toMatchObject({ status: 400, body: { error: { code: 'INVALID_COLOR' } } });
    expect(await setMark(cdc.token, { ...CLOSE_CONTACT, idNumber: '440105198805151230' })).toMatchObject({
      status: 400,
      body: { error: { code: 'INVALID_ID_NUMBER' } },
    });
    const [rows] = await app.db.query<any[]>('SELECT COUNT(*) AS n FROM marks');
    expect(Number(rows[0].n)).toBe(0);
  });

  it('when someone without the authority role, or acting for a district not theirs, sets a mark, then 403', async () => {
    const resident = await registerResident(app.url);
    expect(await setMark(resident.token, { ...CLOSE_CONTACT, idNumber: newIdNumber() })).toMatchObject({ status: 403, body: { error: { code: 'FORBIDDEN' } } });
    const cdc = await authority('440105');
    expect(await setMark(cdc.token, { ...CLOSE_CONTACT, idNumber: newIdNumber(), district: '440106' })).toMatchObject({
      status: 403,
      body: { error: { code: 'FORBIDDEN' } },
    });
    expect(await call(app.url, 'POST', '/api/marks', { ...CLOSE_CONTACT, idNumber: newIdNumber() })).toMatchObject({ status: 401 });
  });

  it('when the resident checks in normally after a red mark, then the code stays red', async () => {
    const r = await registerResident(app.url);
    const cdc = await authority('440105');
    await setMark(cdc.token, { ...CLOSE_CONTACT, idNumber: r.idNumber });
    app.clock.advance(3600_000);
    await call(app.url, 'POST', '/api/me/checkins', NORMAL, { token: r.token });
    expect((await code(r.token)).body).toMatchObject({ color: 'red', decidedBy: 'mark:440105' });
  });

  it('when the same authority sets a newer mark, then it supersedes the older one (which can no longer be lifted)', async () => {
    const r = await registerResident(app.url);
    const cdc = await authority('440105');
    const first = await setMark(cdc.token, { ...CLOSE_CONTACT, idNumber: r.idNumber });
    app.clock.advance(60_000);
    await setMark(cdc.token, { color: 'yellow', reason: 'HEALTH_MONITORING', legalBasis: '区指挥部 2026-11 号通告', idNumber: r.idNumber });
    const page = (await code(r.token)).body;
    expect(page).toMatchObject({ color: 'yellow', decidedBy: 'mark:440105', reasons: [{ reasonCode: 'HEALTH_MONITORING' }] });
    expect(await liftMark(cdc.token, first.body.id)).toMatchObject({ status: 409, body: { error: { code: 'MARK_ALREADY_LIFTED' } } });
  });
});

describe('lifting a mark', () => {
  it('when another district tries to lift it, then 403; its own district or the city above it may, and the code turns back', async () => {
    const r = await registerResident(app.url);
    await call(app.url, 'POST', '/api/me/checkins', NORMAL, { token: r.token });
    const setter = await authority('440105');
    const neighbour = await authority('440106');
    const city = await authority('440100');
    const resident = r;
    const a = await setMark(setter.token, { ...CLOSE_CONTACT, idNumber: r.idNumber });
    expect(await liftMark(neighbour.token, a.body.id)).toMatchObject({
      status: 403,
      body: { error: { code: 'FORBIDDEN', message: expect.stringContaining('440105') } },
    });
    expect(await liftMark(resident.token, a.body.id)).toMatchObject({ status: 403 });
    expect(await liftMark(setter.token, a.body.id, { reason: '' })).toMatchObject({ status: 400 });
    expect((await code(r.token)).body.color).toBe('red');
    expect(await liftMark(city.token, a.body.id)).toMatchObject({ status: 204 });
    expect((await code(r.token)).body).toMatchObject({ color: 'green', decidedBy: 'checkin' });
    expect(await liftMark(setter.token, a.body.id)).toMatchObject({ status: 409, body: { error: { code: 'MARK_ALREADY_LIFTED' } } });
    expect(await liftMark(setter.token, '999999')).toMatchObject({ status: 404 });
    expect(await liftMark(setter.token, 'abc')).toMatchObject({ status: 404 });
  });

  it('when a mark is set and lifted, then the resident sees both in their colour history: who, when, why', async () => {
    const r = await registerResident(app.url);
    await call(app.url, 'POST', '/api/me/checkins', NORMAL, { token: r.token });
    const cdc = await authority('440105');
    const setAt = app.clock.now().toISOString();
    const { body } = await setMark(cdc.token, { ...CLOSE_CONTACT, idNumber: r.idNumber });
    app.clock.advance(14 * 86400_000 - 3600_000);
    await call(app.url, 'POST', '/api/me/checkins', NORMAL, { token: r.token });
    const liftAt = app.clock.now().toISOString();
    await liftMark(cdc.token, body.id);
    const entries = (await audit(r.token)).body.entries;
    expect(entries).toEqual([
      {
        at: liftAt,
        from: 'red',
        to: 'green',
        decidedBy: 'checkin',
        actor: `authority:440105#${cdc.userId}`,
        reasonCode: 'MARK_LIFTED',
        params: {},
        note: '隔离期满，检测阴性',
      },
      {
        at: setAt,
        from: 'green',
        to: 'red',
        decidedBy: 'mark:440105',
        actor: `authority:440105#${cdc.userId}`,
        reasonCode: 'CLOSE_CONTACT',
        params: {},
        note: '与 11 月 20 日确诊病例同乘 K123 次列车',
      },
      { at: expect.any(String), from: 'grey', to: 'green', decidedBy: 'checkin', actor: 'self-declaration', reasonCode: 'CHECKIN_OK', params: {}, note: '' },
    ]);
  });

  it('when a mark was set before the person registered, then it applies to their code once they do', async () => {
    const idNumber = newIdNumber();
    const cdc = await authority('440105');
    await setMark(cdc.token, { ...CLOSE_CONTACT, idNumber });
    const r = await registerResident(app.url, { idNumber });
    expect((await code(r.token)).body).toMatchObject({ color: 'red', decidedBy: 'mark:440105' });
  });
});

describe('the list of mark reasons', () => {
  it('lists the six red types of seed 004 and the yellow measures, in Chinese and English', async () => {
    const res = await call(app.url, 'GET', '/api/mark-reasons');
    const codes = res.body.reasons.map((r: any) => r.code);
    expect(codes).toEqual(
      expect.arrayContaining([
        'HOME_ISOLATION',
        'CENTRALISED_ISOLATION',
        'CLOSE_CONTACT',
        'SUSPECTED_CASE',
        'CONFIRMED_CASE',
        'POSITIVE_TEST',
        'HIGH_RISK_ARRIVAL',
      ]),
    );
    expect(res.body.reasons.find((r: any) => r.code === 'CLOSE_CONTACT')).toEqual({
      code: 'CLOSE_CONTACT',
      usualColor: 'red',
      text: { zh: '密切接触者', en: 'Close contact' },
    });
  });
});
