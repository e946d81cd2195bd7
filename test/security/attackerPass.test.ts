/**
 * An attacker's pass over the issue 10 fixes (decisions 0008–0012): each test is a way around
 * a fix that worked over HTTP before its own commit.
 */
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { declareResident, loginBySms, registerResident, verifyIdentity } from '../support/flows';
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
    expect(
      (
        await call(
          app.url,
          'POST',
          '/api/marks',
          { idNumber: marked, color: 'red', reason: 'CLOSE_CONTACT', note: '密接', legalBasis: LEGAL },
          { token: cdc.token },
        )
      ).status,
    ).toBe(201);

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
      expect((await call(app.url, 'PUT', '/api/me/identity', { name: i % 2 ? '张晓三' : '张小三', idNumber: me.idNumber }, { token: me.token })).status).toBe(
        200,
      );
    }
  });
});

describe('a restricted account reaches no one else’s check-ins', () => {
  const NORMAL = { temperature: 'normal', symptoms: [], visitedAreas: [], contact: 'none', address: { district: '440105', detail: '幸福路 1 号' } };
  const FEVER = { temperature: 38.6, symptoms: ['cough'], visitedAreas: [], contact: 'none', address: { district: '440105', detail: '秘密路 9 号' } };

  it('when an account took a filed record over before the fix, then /api/me/checkins neither shows nor overwrites the family’s fever check-in', async () => {
    const son = await declareResident(app.url, { name: '王小明' });
    const filed = await call(
      app.url,
      'POST',
      '/api/dependents',
      { name: '李老太', idNumber: newIdNumber('19400101'), relation: 'parent', consent: true },
      { token: son.token },
    );
    expect(filed.status).toBe(201);
    expect((await call(app.url, 'POST', `/api/dependents/${filed.body.id}/checkins`, FEVER, { token: son.token })).status).toBe(201);
    const bad = await loginBySms(app.url);
    const [[person]] = (await app.db.query('SELECT person_id AS id FROM dependents WHERE id = ?', [filed.body.id])) as unknown as [{ id: number }[]];
    await app.db.query('UPDATE users SET person_id = ?, registered_at = NOW(3) WHERE id = ?', [person.id, bad.userId]);

    const history = await call(app.url, 'GET', '/api/me/checkins', undefined, { token: bad.token });
    expect(history).toMatchObject({ status: 200, body: { checkins: [] } });
    expect(JSON.stringify(history.body)).not.toContain('秘密路');
    expect(await call(app.url, 'POST', '/api/me/checkins', NORMAL, { token: bad.token })).toMatchObject({
      status: 403,
      body: { error: { code: 'VERIFICATION_REQUIRED' } },
    });
    expect((await call(app.url, 'GET', `/api/dependents/${filed.body.id}/code`, undefined, { token: son.token })).body.color).toBe('yellow');
  });

  it('when a declared account’s record only holds its own check-ins, then it reads and files them as before', async () => {
    const me = await declareResident(app.url);
    expect((await call(app.url, 'POST', '/api/me/checkins', NORMAL, { token: me.token })).status).toBe(201);
    expect((await call(app.url, 'GET', '/api/me/checkins', undefined, { token: me.token })).body.checkins).toHaveLength(1);
  });
});

describe('registrations and filings that race', () => {
  it('when ten people register different ID numbers at the same moment, declared or verified, then none gets a 500 and no face check is wasted', async () => {
    const people = await Promise.all(Array.from({ length: 10 }, () => loginBySms(app.url)));
    const answers = await Promise.all(
      people.map((p, i) =>
        i % 2
          ? call(app.url, 'PUT', '/api/me/identity', { name: '张小三', idNumber: newIdNumber() }, { token: p.token })
          : verifyIdentity(app.url, p.token, { name: '李小四', idNumber: newIdNumber() }),
      ),
    );
    expect(answers.map((a) => a.status)).toEqual(Array(10).fill(200));
  });

  it('when six relatives add the same new person at the same moment, then none gets a 500: one record, six filings', async () => {
    const family = await Promise.all(Array.from({ length: 6 }, () => registerResident(app.url)));
    const idNumber = newIdNumber('19450101');
    const answers = await Promise.all(
      family.map((f) => call(app.url, 'POST', '/api/dependents', { name: '孙老汉', idNumber, relation: 'parent', consent: true }, { token: f.token })),
    );
    expect(answers.map((a) => a.status)).toEqual([201, 201, 201, 201, 201, 201]);
    const [[{ n }]] = (await app.db.query('SELECT COUNT(DISTINCT person_id) AS n FROM dependents')) as unknown as [{ n: number }[]];
    expect(Number(n)).toBe(1);
  });
});

describe('a photographed paper card tells a stranger nothing about the holder’s health', () => {
  const NORMAL = { temperature: 'normal', symptoms: [], visitedAreas: [], contact: 'none', address: { district: '110105', detail: '幸福路 1 号' } };
  async function printedCard(name: string) {
    const filer = await registerResident(app.url);
    const added = await call(
      app.url,
      'POST',
      '/api/dependents',
      { name, idNumber: newIdNumber('19450301'), relation: 'parent', consent: true },
      { token: filer.token },
    );
    expect((await call(app.url, 'POST', `/api/dependents/${added.body.id}/checkins`, NORMAL, { token: filer.token })).status).toBe(201);
    const card = await call(app.url, 'POST', `/api/dependents/${added.body.id}/paper-codes`, undefined, { token: filer.token });
    expect(card.status).toBe(201);
    return { filer, dependentId: added.body.id as string, qr: card.body.qr as string };
  }

  it('when one card was reprinted by the family and another voided because its holder turned yellow, then /api/recognitions answers a stranger the same for both', async () => {
    const reprinted = await printedCard('张老汉');
    const worse = await printedCard('李老汉');
    app.clock.advance(60_000);
    expect(
      (await call(app.url, 'POST', `/api/dependents/${reprinted.dependentId}/paper-codes`, { replace: true }, { token: reprinted.filer.token })).status,
    ).toBe(201);
    const cough = { ...NORMAL, symptoms: ['cough'] };
    expect((await call(app.url, 'POST', `/api/dependents/${worse.dependentId}/checkins`, cough, { token: worse.filer.token })).body.color).toBe('yellow');

    const stranger = await registerResident(app.url);
    const a = await call(app.url, 'POST', '/api/recognitions', { qr: reprinted.qr }, { token: stranger.token });
    const b = await call(app.url, 'POST', '/api/recognitions', { qr: worse.qr }, { token: stranger.token });
    expect(a).toMatchObject({ status: 400, body: { error: { code: 'CODE_REVOKED' } } });
    expect(b.status).toBe(a.status);
    expect(b.body).toEqual(a.body);
  });
});
