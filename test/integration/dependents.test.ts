import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { loginBySms, registerResident } from '../support/flows';
import { call } from '../support/http';
import { newIdNumber } from '../support/ids';
import { startTestApp, type TestApp } from '../support/testApp';

let app: TestApp;
beforeAll(async () => {
  app = await startTestApp({ env: { SESSION_TTL_SECONDS: String(30 * 86400), DEPENDENTS_PER_FILER: '3' } });
});
afterAll(() => app.close());
beforeEach(() => app.reset());

const NORMAL = { temperature: 'normal', symptoms: [], visitedAreas: [], contact: 'none', address: { district: '110105', detail: '幸福路 1 号' } };
const COUGH = { ...NORMAL, symptoms: ['cough'] };
const add = (token: string, body: object) => call(app.url, 'POST', '/api/dependents', body, { token });
const parent = (over: object = {}) => ({ name: '张老汉', idNumber: newIdNumber('19450301'), relation: 'parent', consent: true, ...over });

async function filerWithParent(filerName = '张小三') {
  const filer = await registerResident(app.url, { name: filerName });
  const body = parent();
  const res = await add(filer.token, body);
  expect(res.status).toBe(201);
  return { filer, parentId: res.body.id as string, parentIdNumber: body.idNumber };
}

describe('adding a relative', () => {
  it('when a resident adds a parent with consent, then the list shows them masked with relation and colour', async () => {
    const { filer, parentId, parentIdNumber } = await filerWithParent();
    const list = await call(app.url, 'GET', '/api/dependents', undefined, { token: filer.token });
    expect(list.body).toEqual({
      dependents: [
        {
          id: parentId,
          name: '张*汉',
          idNumber: `${parentIdNumber.slice(0, 6)}********${parentIdNumber.slice(-4)}`,
          relation: 'parent',
          relationText: null,
          color: 'grey',
          alsoFiledBy: [],
          hasOwnAccount: false,
          verifiedOwnerSince: null,
        },
      ],
    });
  });

  it.each([
    ['no consent', { consent: false }, 400, 'CONSENT_REQUIRED'],
    ['a bad ID number', { idNumber: '110105194503011231' }, 400, 'INVALID_ID_NUMBER'],
    ['a bad name', { name: 'x' }, 400, 'INVALID_NAME'],
    ['an unknown relation', { relation: 'neighbour' }, 400, 'INVALID_REQUEST'],
    ['"other" without saying how', { relation: 'other' }, 400, 'INVALID_REQUEST'],
  ])('when the request has %s, then it is refused and nothing is filed', async (_case, over, status, code) => {
    const filer = await registerResident(app.url);
    expect(await add(filer.token, parent(over))).toMatchObject({ status, body: { error: { code } } });
    expect((await call(app.url, 'GET', '/api/dependents', undefined, { token: filer.token })).body.dependents).toEqual([]);
  });

  it('when the same relative is added twice, their own ID, or more than the limit, then a clear 4xx each', async () => {
    const filer = await registerResident(app.url);
    const mum = parent();
    expect((await add(filer.token, mum)).status).toBe(201);
    expect(await add(filer.token, mum)).toMatchObject({ status: 409, body: { error: { code: 'DEPENDENT_EXISTS' } } });
    expect(await add(filer.token, parent({ idNumber: filer.idNumber, name: filer.name }))).toMatchObject({
      status: 400,
      body: { error: { code: 'FILING_FOR_SELF' } },
    });
    expect((await add(filer.token, parent({ relation: 'other', relationText: '舅舅' }))).status).toBe(201);
    expect((await add(filer.token, parent({ relation: 'child', name: '张小宝', idNumber: newIdNumber('20180601') }))).status).toBe(201);
    expect(await add(filer.token, parent())).toMatchObject({
      status: 409,
      body: { error: { code: 'DEPENDENT_LIMIT', message: expect.stringContaining('3') } },
    });
  });

  it('when the person registered their own account, or the name does not match the one on file, then 409 and no filing', async () => {
    const grandma = await registerResident(app.url, { name: '李奶奶', idNumber: newIdNumber('19400101') });
    const filer = await registerResident(app.url);
    expect(await add(filer.token, parent({ name: '李奶奶', idNumber: grandma.idNumber }))).toMatchObject({
      status: 409,
      body: { error: { code: 'RELATIVE_HAS_OWN_ACCOUNT' } },
    });
    const { parentIdNumber } = await filerWithParent();
    expect(await add(filer.token, parent({ name: '王某某', idNumber: parentIdNumber }))).toMatchObject({
      status: 409,
      body: { error: { code: 'NAME_MISMATCH' } },
    });
  });

  it('when two children file for one parent, then each sees the other only as "also filed by 李*"', async () => {
    const { filer, parentIdNumber } = await filerWithParent('张小三');
    const sister = await registerResident(app.url, { name: '李小红' });
    expect((await add(sister.token, parent({ idNumber: parentIdNumber }))).status).toBe(201);
    expect((await call(app.url, 'GET', '/api/dependents', undefined, { token: filer.token })).body.dependents[0].alsoFiledBy).toEqual(['李*']);
    expect((await call(app.url, 'GET', '/api/dependents', undefined, { token: sister.token })).body.dependents[0].alsoFiledBy).toEqual(['张*']);
  });

  it('asks for login and registration', async () => {
    expect(await add('nope', parent())).toMatchObject({ status: 401 });
    const unregistered = await loginBySms(app.url);
    expect(await add(unregistered.token, parent())).toMatchObject({ status: 403, body: { error: { code: 'REGISTRATION_REQUIRED' } } });
  });
});

describe('acting for a relative', () => {
  it('when the filer checks in for their parent, then the parent’s code shows the colour, reasons and "filed by", and the history has it', async () => {
    const { filer, parentId } = await filerWithParent('张小三');
    const checkin = await call(app.url, 'POST', `/api/dependents/${parentId}/checkins`, COUGH, { token: filer.token });
    expect(checkin).toMatchObject({ status: 201, body: { color: 'yellow' } });
    const code = await call(app.url, 'GET', `/api/dependents/${parentId}/code`, undefined, { token: filer.token });
    expect(code.body).toMatchObject({
      color: 'yellow',
      holder: { name: '张*汉' },
      decidedBy: 'checkin',
      reasons: [{ reasonCode: 'SYMPTOMS', setBy: 'relative-declaration' }],
      filedBy: { name: '张*三', relation: 'parent', relationText: null },
    });
    expect(code.body.qr).toMatch(/^YM:/);
    const audit = await call(app.url, 'GET', `/api/dependents/${parentId}/audit`, undefined, { token: filer.token });
    expect(audit.body.entries).toMatchObject([{ from: 'grey', to: 'yellow', decidedBy: 'checkin', actor: 'relative-declaration', reasonCode: 'SYMPTOMS' }]);
    // Their own code is untouched.
    expect((await call(app.url, 'GET', '/api/me/code', undefined, { token: filer.token })).body.color).toBe('grey');
  });

  it('when someone else, or a filer who stopped, acts on the relative, then 404 and nothing is revealed', async () => {
    const { filer, parentId } = await filerWithParent();
    const stranger = await registerResident(app.url);
    for (const [method, path, body] of [
      ['GET', `/api/dependents/${parentId}/code`, undefined],
      ['GET', `/api/dependents/${parentId}/audit`, undefined],
      ['POST', `/api/dependents/${parentId}/checkins`, NORMAL],
      ['POST', `/api/dependents/${parentId}/paper-codes`, undefined],
      ['DELETE', `/api/dependents/${parentId}`, undefined],
    ] as const) {
      expect(await call(app.url, method, path, body, { token: stranger.token })).toMatchObject({ status: 404, body: { error: { code: 'NOT_FOUND' } } });
    }
    expect((await call(app.url, 'DELETE', `/api/dependents/${parentId}`, undefined, { token: filer.token })).status).toBe(204);
    expect((await call(app.url, 'GET', `/api/dependents/${parentId}/code`, undefined, { token: filer.token })).status).toBe(404);
    expect((await call(app.url, 'GET', '/api/dependents/abc/code', undefined, { token: filer.token })).status).toBe(404);
  });

  it('records every proxy action: who did what for whom', async () => {
    const { filer, parentId } = await filerWithParent();
    await call(app.url, 'POST', `/api/dependents/${parentId}/checkins`, NORMAL, { token: filer.token });
    await call(app.url, 'GET', `/api/dependents/${parentId}/code`, undefined, { token: filer.token });
    await call(app.url, 'POST', `/api/dependents/${parentId}/paper-codes`, undefined, { token: filer.token });
    const [rows] = await app.db.query<any[]>('SELECT actor_user_id, action FROM proxy_actions ORDER BY id');
    expect(rows.map((r) => `${r.actor_user_id}:${r.action}`)).toEqual(['file', 'checkin', 'view-code', 'paper-code'].map((a) => `${filer.userId}:${a}`));
  });
});

describe('the relative takes over', () => {
  it('when the parent registers on their own phone, then they see who files for them and can remove a filer', async () => {
    const { filer, parentIdNumber, parentId } = await filerWithParent('张小三');
    await call(app.url, 'POST', `/api/dependents/${parentId}/checkins`, COUGH, { token: filer.token });
    const own = await registerResident(app.url, { name: '张老汉', idNumber: parentIdNumber });
    // Their code carries on from what was filed for them.
    expect((await call(app.url, 'GET', '/api/me/code', undefined, { token: own.token })).body).toMatchObject({ color: 'yellow' });
    const filers = await call(app.url, 'GET', '/api/me/filers', undefined, { token: own.token });
    expect(filers.body).toEqual({ filers: [{ id: parentId, name: '张*三', relation: 'parent', relationText: null, since: expect.any(String) }] });
    expect((await call(app.url, 'GET', '/api/dependents', undefined, { token: filer.token })).body.dependents[0].hasOwnAccount).toBe(true);
    expect((await call(app.url, 'DELETE', `/api/me/filers/${parentId}`, undefined, { token: own.token })).status).toBe(204);
    expect((await call(app.url, 'GET', `/api/dependents/${parentId}/code`, undefined, { token: filer.token })).status).toBe(404);
    expect((await call(app.url, 'GET', '/api/me/filers', undefined, { token: own.token })).body.filers).toEqual([]);
    // Another resident cannot remove filings that are not for them.
    const { parentId: otherFiling } = await filerWithParent();
    expect((await call(app.url, 'DELETE', `/api/me/filers/${otherFiling}`, undefined, { token: own.token })).status).toBe(404);
    // And nobody new can file for them now.
    expect(await add(filer.token, parent({ name: '张老汉', idNumber: parentIdNumber }))).toMatchObject({
      status: 409,
      body: { error: { code: 'RELATIVE_HAS_OWN_ACCOUNT' } },
    });
  });
});
