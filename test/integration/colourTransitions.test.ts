/**
 * Colours a resident cannot talk down (issue 12; docs/decisions/0021-colour-transitions.md): a
 * declared yellow or red is held until a run of consecutive days with a healthy check-in (7 for
 * yellow, 14 for red) or an approved conversion request, over the real HTTP app and databases.
 */
import type { RowDataPacket } from 'mysql2';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { afterConversion, createCheckinsRepo, createHoldsRepo } from '@yima/bff/src/features/checkins';
import { inTransaction } from '@yima/bff/src/db/transaction';
import { feedLine, ndjson, postBatch } from '../support/feed';
import { loginBySms, registerResident } from '../support/flows';
import { call } from '../support/http';
import { newIdNumber } from '../support/ids';
import { grantRole } from '../support/roles';
import { startTestApp, type TestApp } from '../support/testApp';
import { verifyWithTrustList } from '../support/trust';

let app: TestApp;
beforeAll(async () => {
  // Sessions outlive the weeks one test spans.
  app = await startTestApp({ env: { SESSION_TTL_SECONDS: String(60 * 86400) } });
});
afterAll(() => app.close());
beforeEach(() => app.reset());

const DAY = 86400_000;
const NORMAL = { temperature: 'normal', symptoms: [], visitedAreas: [], contact: 'none', address: { district: '440105', detail: '幸福路 1 号' } };
const FEVER = { ...NORMAL, temperature: 38.2 };
/** Close contact with a confirmed case, after a stay in a high-risk area. */
const EXPOSED = { ...NORMAL, contact: 'confirmed', visitedAreas: ['440305'] };
const HIGH = { code: '440305', name: '南山区', level: 'high', effectiveFrom: '2026-11-01T00:00:00+08:00' };

const checkIn = (token: string, body: object = NORMAL) => call(app.url, 'POST', '/api/me/checkins', body, { token });
const code = (token: string) => call(app.url, 'GET', '/api/me/code', undefined, { token });
const audit = (token: string) => call(app.url, 'GET', '/api/me/audit', undefined, { token });
const heldReason = (body: { reasons: { reasonCode: string; params: object }[] }) => body.reasons.find((r) => r.reasonCode === 'CHECKIN_HELD');

async function operator() {
  const op = await loginBySms(app.url);
  await grantRole(app, op.phone, 'operator');
  return op;
}
async function highRiskArea(over: object = {}) {
  const op = await operator();
  expect(await call(app.url, 'POST', '/api/risk-areas', { ...HIGH, ...over }, { token: op.token })).toMatchObject({ status: 201 });
}
/** A healthy check-in on each of the next `days` days. */
async function healthyDays(token: string, days: number, submit = (t: string) => checkIn(t)) {
  for (let i = 0; i < days; i++) {
    app.clock.advance(DAY);
    expect((await submit(token)).status).toBe(201);
  }
}
const history = async (token: string) =>
  ((await audit(token)).body.entries as { from: string; to: string; decidedBy: string; actor: string; reasonCode: string; params: object }[])
    .reverse()
    .map((e) => `${e.from}→${e.to} ${e.decidedBy} ${e.actor} ${e.reasonCode} ${JSON.stringify(e.params)}`);

describe('a declared colour is held', () => {
  it('when a red declaration is re-submitted as healthy the same minute, then the code stays red, says it is held and when it turns green', async () => {
    await highRiskArea();
    const r = await registerResident(app.url);
    expect((await checkIn(r.token, EXPOSED)).body).toMatchObject({ color: 'red', reasons: ['HIGH_RISK_AREA', 'CONTACT_CONFIRMED'] });
    app.clock.advance(30_000);
    // The answer is the declaration's own colour; the code is what counts.
    expect((await checkIn(r.token)).body).toMatchObject({ color: 'green', updated: true });
    const page = (await code(r.token)).body;
    expect(page).toMatchObject({ color: 'red', decidedBy: 'checkin', conversion: { requestable: true, latest: null }, checkin: { due: false } });
    expect(page.reasons.map((x: { reasonCode: string }) => x.reasonCode)).toEqual(['HIGH_RISK_AREA', 'CONTACT_CONFIRMED', 'CHECKIN_HELD']);
    // Declared on 22 Nov (China): 14 healthy days from the 23rd make it green on 6 Dec.
    expect(heldReason(page)).toMatchObject({
      source: 'checkin',
      color: 'red',
      setBy: 'self-declaration',
      params: { healthyDays: 0, needed: 14, greenOn: '2026-12-06' },
      effectiveAt: '2026-11-22T08:00:00.000Z',
    });
    // Every other reason carries no params.
    expect(page.reasons[0].params).toEqual({});
    // The QR carries the held colour too.
    expect((await verifyWithTrustList(app.url, page.qr, app.clock.now())).fields?.color).toBe('red');
    expect(await history(r.token)).toEqual(['grey→red checkin self-declaration HIGH_RISK_AREA {}']);
  });

  it('when 13 healthy days follow a red declaration, then it is still red; the 14th turns it green, and the history has the raise and the lowering by the run', async () => {
    const r = await registerResident(app.url);
    await checkIn(r.token, EXPOSED);
    for (let day = 1; day <= 13; day++) {
      await healthyDays(r.token, 1);
      const page = (await code(r.token)).body;
      expect(page.color, `day ${day}`).toBe('red');
      expect(heldReason(page)?.params).toEqual({ healthyDays: day, needed: 14, greenOn: '2026-12-06' });
    }
    await healthyDays(r.token, 1);
    const page = (await code(r.token)).body;
    expect(page).toMatchObject({ color: 'green', reasons: [] });
    expect(await history(r.token)).toEqual([
      'grey→red checkin self-declaration CONTACT_CONFIRMED {}',
      'red→green checkin self-declaration CHECKIN_HEALTHY_RUN {"days":14}',
    ]);
    const lowered = (await audit(r.token)).body.entries[0];
    expect(lowered).toMatchObject({ at: app.clock.now().toISOString(), note: '' });
  });

  it('when a day is missed, then the run starts again: the code turns green only after the full count of days in a row', async () => {
    const r = await registerResident(app.url);
    await checkIn(r.token, FEVER);
    await healthyDays(r.token, 5);
    app.clock.advance(DAY); // no check-in on day 6
    await healthyDays(r.token, 1); // day 7: day 1 of a new run
    const page = (await code(r.token)).body;
    expect(page.color).toBe('yellow');
    // Day 7 is 29 Nov: checked in, so six more from the 30th: green on 5 Dec.
    expect(heldReason(page)?.params).toEqual({ healthyDays: 1, needed: 7, greenOn: '2026-12-05' });
    await healthyDays(r.token, 5);
    expect((await code(r.token)).body.color).toBe('yellow');
    await healthyDays(r.token, 1);
    expect((await code(r.token)).body.color).toBe('green');
  });

  it('when a yellow was declared, then 6 healthy days keep it yellow and the 7th turns it green', async () => {
    const r = await registerResident(app.url);
    await checkIn(r.token);
    app.clock.advance(3600_000);
    await checkIn(r.token, FEVER);
    await healthyDays(r.token, 6);
    expect((await code(r.token)).body).toMatchObject({
      color: 'yellow',
      reasons: [{ reasonCode: 'FEVER' }, { reasonCode: 'CHECKIN_HELD', params: { healthyDays: 6 } }],
    });
    await healthyDays(r.token, 1);
    expect((await code(r.token)).body.color).toBe('green');
    expect(await history(r.token)).toEqual([
      'grey→green checkin self-declaration CHECKIN_OK {}',
      'green→yellow checkin self-declaration FEVER {}',
      'yellow→green checkin self-declaration CHECKIN_HEALTHY_RUN {"days":7}',
    ]);
  });

  it('when a place named in a check-in is declared high-risk afterwards, then a new form leaving it out does not talk the red down', async () => {
    const r = await registerResident(app.url);
    await checkIn(r.token, { ...NORMAL, visitedAreas: ['440305'] });
    expect((await code(r.token)).body.color).toBe('green');
    await highRiskArea({ effectiveFrom: '2026-11-22T07:00:00Z' });
    expect((await code(r.token)).body.color).toBe('red');
    app.clock.advance(60_000);
    await checkIn(r.token); // the same day, without the place
    const page = (await code(r.token)).body;
    expect(page.color).toBe('red');
    expect(page.reasons.map((x: { reasonCode: string }) => x.reasonCode)).toEqual(['HIGH_RISK_AREA', 'CHECKIN_HELD']);
  });
});

describe('filed by a relative', () => {
  async function filerWithParent() {
    const filer = await registerResident(app.url, { name: '张小三' });
    const res = await call(
      app.url,
      'POST',
      '/api/dependents',
      { name: '张老汉', idNumber: newIdNumber('19450301'), relation: 'parent', consent: true },
      { token: filer.token },
    );
    expect(res.status).toBe(201);
    return { filer, parentId: res.body.id as string };
  }

  it('when a relative files a red declaration for a parent and then a healthy one, then the parent stays red for 14 healthy days, then green, in their history', async () => {
    const { filer, parentId } = await filerWithParent();
    const fileFor = (token: string, body: object = NORMAL) => call(app.url, 'POST', `/api/dependents/${parentId}/checkins`, body, { token });
    const parentCode = async () => (await call(app.url, 'GET', `/api/dependents/${parentId}/code`, undefined, { token: filer.token })).body;
    await fileFor(filer.token, EXPOSED);
    await fileFor(filer.token);
    let page = await parentCode();
    expect(page).toMatchObject({ color: 'red', conversion: { requestable: true, latest: null } });
    expect(heldReason(page)).toMatchObject({ setBy: 'relative-declaration', params: { healthyDays: 0, needed: 14 } });
    await healthyDays(filer.token, 13, (t) => fileFor(t));
    expect((await parentCode()).color).toBe('red');
    await healthyDays(filer.token, 1, (t) => fileFor(t));
    page = await parentCode();
    expect(page.color).toBe('green');
    const entries = (await call(app.url, 'GET', `/api/dependents/${parentId}/audit`, undefined, { token: filer.token })).body.entries;
    expect(entries[0]).toMatchObject({ from: 'red', to: 'green', actor: 'relative-declaration', reasonCode: 'CHECKIN_HEALTHY_RUN', params: { days: 14 } });
    expect(entries[1]).toMatchObject({ from: 'grey', to: 'red', actor: 'relative-declaration', reasonCode: 'CONTACT_CONFIRMED' });
  });
});

describe('concurrent check-ins', () => {
  it('when a red, a yellow and a healthy form of one person arrive at once, then the red is never lost, whatever order they commit in', async () => {
    const people = await Promise.all(Array.from({ length: 6 }, () => registerResident(app.url)));
    for (let round = 0; round < 3; round++) {
      app.clock.advance(DAY);
      await Promise.all(people.flatMap((p) => [checkIn(p.token, FEVER), checkIn(p.token, EXPOSED), checkIn(p.token), checkIn(p.token, FEVER)]));
      for (const p of people) {
        const page = (await code(p.token)).body;
        expect(page.color).toBe('red');
      }
    }
    const [rows] = await app.adminDb.query<RowDataPacket[]>('SELECT color, COUNT(*) AS n FROM checkin_holds GROUP BY color');
    expect(rows.map((r) => [r.color, Number(r.n)])).toEqual([['red', 6]]);
  });
});

describe('other sources are never lowered by check-ins', () => {
  async function authority(district: string) {
    const op = await loginBySms(app.url);
    await grantRole(app, op.phone, 'authority', district);
    return op;
  }

  it('when a run of healthy check-ins ends a declared red, then an authority red mark still holds the code red, and nothing is recorded', async () => {
    const r = await registerResident(app.url);
    await checkIn(r.token, EXPOSED);
    const cdc = await authority('440105');
    const mark = await call(
      app.url,
      'POST',
      '/api/marks',
      { idNumber: r.idNumber, color: 'red', reason: 'CLOSE_CONTACT', note: '同乘 K123', legalBasis: '《传染病防治法》第三十九条' },
      { token: cdc.token },
    );
    expect(mark.status).toBe(201);
    await healthyDays(r.token, 14);
    const page = (await code(r.token)).body;
    expect(page).toMatchObject({ color: 'red', decidedBy: 'mark:440105' });
    expect(heldReason(page)).toBeUndefined(); // the check-in's part has ended
    expect(await history(r.token)).toEqual(['grey→red checkin self-declaration CONTACT_CONFIRMED {}']);
    await call(app.url, 'DELETE', `/api/marks/${mark.body.id}`, { reason: '隔离期满' }, { token: cdc.token });
    expect((await code(r.token)).body.color).toBe('green');
  });

  it('when a yellow mark and a declared red overlap, then the red holds for its 14 days and the mark’s yellow after', async () => {
    const r = await registerResident(app.url);
    await checkIn(r.token, EXPOSED);
    const cdc = await authority('440105');
    const monitoring = { idNumber: r.idNumber, color: 'yellow', reason: 'HEALTH_MONITORING', note: '', legalBasis: '《传染病防治法》' };
    expect((await call(app.url, 'POST', '/api/marks', monitoring, { token: cdc.token })).status).toBe(201);
    await healthyDays(r.token, 13);
    expect((await code(r.token)).body).toMatchObject({ color: 'red', decidedBy: 'checkin' });
    await healthyDays(r.token, 1);
    expect((await code(r.token)).body).toMatchObject({ color: 'yellow', decidedBy: 'mark:440105' });
  });

  it('when the province keeps a person red, then completing a run of healthy check-ins does not lower it', async () => {
    const r = await registerResident(app.url);
    await checkIn(r.token, FEVER);
    for (let day = 1; day <= 7; day++) {
      app.clock.advance(DAY);
      // Re-sent every day, so it stays fresh (stale after 12 hours).
      await postBatch(app, ndjson([feedLine(app, { idNumber: r.idNumber, color: 'red', version: day })]));
      await checkIn(r.token);
    }
    expect((await code(r.token)).body).toMatchObject({ color: 'red', decidedBy: 'provincial' });
  });
});

describe('an approved conversion request (the hook for 转码申请)', () => {
  const holds = () => createHoldsRepo(app.db);
  const repos = () => ({ holds: holds(), checkins: createCheckinsRepo(app.db) });
  const personOf = async (userId: string) => {
    const [rows] = await app.adminDb.query<RowDataPacket[]>('SELECT person_id FROM users WHERE id = ?', [userId]);
    return String(rows[0].person_id);
  };

  it('when it is approved, then what check-ins held ends in the approving transaction and the next healthy check-in shows green', async () => {
    const r = await registerResident(app.url);
    await checkIn(r.token, EXPOSED);
    const personId = await personOf(r.userId);
    const cleared = await inTransaction(app.db, (conn) => afterConversion(repos(), conn, personId, app.clock.now(), app.clock.now()));
    expect(cleared).toMatchObject({ color: 'red', reasons: ['CONTACT_CONFIRMED'] });
    expect(await holds().holdsFor([personId])).toEqual(new Map());
    app.clock.advance(60_000);
    await checkIn(r.token);
    expect((await code(r.token)).body).toMatchObject({ color: 'green', reasons: [] });
    // A later declaration raises again at once.
    await checkIn(r.token, FEVER);
    expect((await code(r.token)).body.color).toBe('yellow');
  });

  it('when the approving transaction rolls back, then the hold stays; with nothing held, it clears nothing', async () => {
    const r = await registerResident(app.url);
    await checkIn(r.token, FEVER);
    const personId = await personOf(r.userId);
    await expect(
      inTransaction(app.db, async (conn) => {
        await afterConversion(repos(), conn, personId, app.clock.now(), app.clock.now());
        throw new Error('the approval failed');
      }),
    ).rejects.toThrow('the approval failed');
    expect((await holds().holdsFor([personId])).get(personId)).toMatchObject({ color: 'yellow' });
    const other = await registerResident(app.url);
    await checkIn(other.token);
    expect(
      await inTransaction(app.db, async (conn) => afterConversion(repos(), conn, await personOf(other.userId), app.clock.now(), app.clock.now())),
    ).toBeNull();
  });
});
