/**
 * Conversion requests (转码申请, SPEC C8; docs/decisions/0022): routed by what makes the colour
 * (a check-in → the grid's workers, a mark → the district's authority, the province → the
 * hotline), decided in one transaction, in the person's history, scoped, counted.
 */
import type { RowDataPacket } from 'mysql2';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { chinaDate } from '@yima/shared';
import { feedLine, ndjson, postBatch } from '../support/feed';
import { registerResident } from '../support/flows';
import { CITY_GRIDS, importGrids } from '../support/grids';
import { newIdNumber } from '../support/ids';
import { checkinAt, conversionActors, JIANWAI, MISTAKE, YONGANLI, type Api } from '../support/conversionFlows';
import { startTestApp, type TestApp } from '../support/testApp';

let app: TestApp;
beforeAll(async () => {
  app = await startTestApp({ env: { SESSION_TTL_SECONDS: String(30 * 86400), PROVINCIAL_HOTLINE: '0571-12345' } });
});
afterAll(() => app.close());
beforeEach(async () => {
  await app.reset();
  expect((await importGrids(app, CITY_GRIDS)).code).toBe(0);
});

const XINGFULI = '110105002001';
const HUJIALOU = '110105002';

const { as, resident, staff, decide, code } = conversionActors(() => app);
const history = async (r: { api: Api }) => (await r.api.get('/api/me/audit')).body.entries;
const rows = async () => (await app.adminDb.query<RowDataPacket[]>('SELECT * FROM conversion_requests ORDER BY id'))[0];
const conversionsCounted = async () => {
  const [r] = await app.adminDb.query<RowDataPacket[]>(
    "SELECT dimension, SUM(value) AS n FROM stats_daily WHERE metric = 'conversions' AND day = ? GROUP BY dimension",
    [chinaDate(app.clock.now())],
  );
  return Object.fromEntries(r.map((x) => [x.dimension, Number(x.n)]));
};

describe('a colour a check-in decided', () => {
  it('when a resident who declared red by mistake asks, then their grid’s worker approves, the code turns green and the history says so', async () => {
    const r = await resident(YONGANLI, MISTAKE);
    expect((await code(r)).conversion).toEqual({ requestable: true, latest: null });

    const filed = await r.api.post('/api/me/conversion-requests', { reason: '勾错了选项' });
    expect(filed.status).toBe(201);
    expect(filed.body).toMatchObject({
      status: 'pending',
      color: 'red',
      reason: '勾错了选项',
      byRelative: false,
      handler: { kind: 'community', grid: { code: YONGANLI, name: expect.any(String) }, district: null, hotline: null },
      decision: null,
    });
    // The code page shows it, and offers no second one.
    expect((await code(r)).conversion).toMatchObject({ requestable: false, latest: { id: filed.body.id, status: 'pending' } });

    const w = await staff('community-worker', JIANWAI);
    const inbox = await w.api.get('/api/conversion-requests');
    expect(inbox.status).toBe(200);
    expect(inbox.body.requests).toEqual([
      expect.objectContaining({ id: filed.body.id, personId: r.personId, name: '王*明', colorNow: 'red', reason: '勾错了选项', status: 'pending' }),
    ]);
    // The dashboard names it too.
    const dash = await w.api.get(`/api/grids/${JIANWAI}/residents?filter=pending`);
    expect(dash.body.residents).toEqual([expect.objectContaining({ personId: r.personId, pendingConversion: true })]);

    const decided = await decide(w, filed.body.id, true);
    expect(decided.status).toBe(200);
    expect(decided.body).toMatchObject({ status: 'approved', decision: { approve: true, reason: '已电话核实，确为误填', by: 'community-worker' } });
    await app.settled();

    const after = await code(r);
    expect(after.color).toBe('green');
    expect(after.conversion).toMatchObject({ requestable: false, latest: { status: 'approved' } });
    const [latest] = await history(r);
    expect(latest).toMatchObject({
      from: 'red',
      to: 'green',
      reasonCode: 'CONVERSION_APPROVED',
      note: '已电话核实，确为误填',
      params: { by: 'community-worker' },
      actor: `community-worker:${JIANWAI}#${w.userId}`,
    });
    expect((await w.api.get(`/api/grids/${JIANWAI}/residents?filter=pending`)).body.residents).toEqual([]);
    expect(await conversionsCounted()).toEqual({ approved: 1 });

    // A later declaration raises again at once.
    app.clock.advance(60_000);
    await r.api.post('/api/me/checkins', checkinAt(YONGANLI, { temperature: 38.6 }));
    expect((await code(r)).color).toBe('yellow');
  });

  it('when a worker rejects, then the colour stays, the history records the decision, and the person may ask again', async () => {
    const r = await resident(YONGANLI, MISTAKE);
    const filed = await r.api.post('/api/me/conversion-requests', { reason: '勾错了选项' });
    const w = await staff('community-worker', YONGANLI);
    expect((await decide(w, filed.body.id, false, '本人确认与确诊者同乘一车')).body).toMatchObject({ status: 'rejected', decision: { approve: false } });
    expect((await code(r)).color).toBe('red');
    expect((await history(r))[0]).toMatchObject({ from: 'red', to: 'red', reasonCode: 'CONVERSION_REJECTED', note: '本人确认与确诊者同乘一车' });
    expect((await code(r)).conversion).toMatchObject({ requestable: true, latest: { status: 'rejected' } });
    expect((await r.api.post('/api/me/conversion-requests', { reason: '再次申请：确为误填' })).status).toBe(201);
    expect(await conversionsCounted()).toEqual({ rejected: 1 });
  });

  it('when two workers approve at once, then one wins and the other is told 409; one history row, one count', async () => {
    const r = await resident(YONGANLI, MISTAKE);
    const filed = await r.api.post('/api/me/conversion-requests', { reason: '勾错了选项' });
    const [a, b] = await Promise.all([staff('community-worker', YONGANLI), staff('community-worker', JIANWAI)]);
    const answers = await Promise.all([decide(a, filed.body.id, true), decide(b, filed.body.id, false, '不同意转码')]);
    expect(answers.map((x) => x.status).sort()).toEqual([200, 409]);
    expect(answers.find((x) => x.status === 409)!.body.error.code).toBe('CONVERSION_ALREADY_DECIDED');
    const decisions = (await history(r)).filter((e: { reasonCode: string }) => e.reasonCode.startsWith('CONVERSION_'));
    expect(decisions).toHaveLength(1);
    expect(Object.values(await conversionsCounted())).toEqual([1]);
  });

  it('when a filer asks for their relative, then the request is the relative’s, marked as by a relative', async () => {
    const filer = await registerResident(app.url);
    const added = await as(filer.token).post('/api/dependents', { name: '王老汉', idNumber: newIdNumber('19450301'), relation: 'parent', consent: true });
    expect(added.status).toBe(201);
    expect((await as(filer.token).post(`/api/dependents/${added.body.id}/checkins`, checkinAt(XINGFULI, MISTAKE))).status).toBe(201);
    const filed = await as(filer.token).post(`/api/dependents/${added.body.id}/conversion-requests`, { reason: '替老人填错了' });
    expect(filed.status).toBe(201);
    expect(filed.body).toMatchObject({ status: 'pending', byRelative: true, handler: { grid: { code: XINGFULI } } });
    expect((await as(filer.token).get(`/api/dependents/${added.body.id}/conversion-requests`)).body.requests).toHaveLength(1);
    expect((await as(filer.token).get(`/api/dependents/${added.body.id}/code`)).body.conversion).toMatchObject({ latest: { id: filed.body.id } });

    // A stranger is told there is no such relative; the worker of the relative's grid decides.
    const stranger = await registerResident(app.url);
    expect((await as(stranger.token).get(`/api/dependents/${added.body.id}/conversion-requests`)).status).toBe(404);
    expect((await as(stranger.token).post(`/api/dependents/${added.body.id}/conversion-requests`, { reason: '勾错了选项' })).status).toBe(404);
    const w = await staff('community-worker', HUJIALOU);
    expect((await decide(w, filed.body.id, true)).body.status).toBe('approved');
    expect((await as(filer.token).get(`/api/dependents/${added.body.id}/code`)).body.color).toBe('green');
  });
});

describe('what may be asked', () => {
  it('when the code is green, then 409 NOTHING_TO_CONVERT; when one is open, then 409 CONVERSION_ALREADY_OPEN; nothing is written', async () => {
    const green = await resident();
    const res = await green.api.post('/api/me/conversion-requests', { reason: '勾错了选项' });
    expect({ status: res.status, code: res.body.error.code }).toEqual({ status: 409, code: 'NOTHING_TO_CONVERT' });
    const r = await resident(YONGANLI, MISTAKE);
    expect((await r.api.post('/api/me/conversion-requests', { reason: '勾错了选项' })).status).toBe(201);
    const again = await Promise.all([1, 2].map(() => r.api.post('/api/me/conversion-requests', { reason: '再问一次' })));
    expect(again.map((x) => `${x.status} ${x.body.error.code}`)).toEqual(['409 CONVERSION_ALREADY_OPEN', '409 CONVERSION_ALREADY_OPEN']);
    expect(await rows()).toHaveLength(1);
  });

  it('when the reason is missing, too short, too long or not text, then 400 JSON and no row', async () => {
    const r = await resident(YONGANLI, MISTAKE);
    for (const body of [{}, { reason: ' ' }, { reason: 'x'.repeat(201) }, { reason: 42 }, { reason: '勾错了', extra: 1 }, { reason: '勾错\u202e了' }]) {
      const res = await r.api.post('/api/me/conversion-requests', body);
      expect(res.status, JSON.stringify(body)).toBe(400);
      expect(res.headers.get('content-type')).toMatch(/json/);
      expect(['INVALID_REQUEST', 'INVALID_CHARACTERS']).toContain(res.body.error.code);
    }
    const filed = await r.api.post('/api/me/conversion-requests', { reason: '勾错了选项' });
    const w = await staff('community-worker', YONGANLI);
    expect((await w.api.post(`/api/conversion-requests/${filed.body.id}/decision`, { approve: true })).status).toBe(400);
    expect((await w.api.post(`/api/conversion-requests/${filed.body.id}/decision`, { approve: true, reason: '好' })).status).toBe(400);
    expect((await rows()).map((x) => x.status)).toEqual(['pending']);
  });
});

describe('a colour a mark decided', () => {
  it('when only a mark makes it red, then the request is forwarded to the mark’s district; its authority approves and the mark is lifted', async () => {
    const r = await resident(YONGANLI);
    const auth = await staff('authority', '110105');
    expect(
      (await auth.api.post('/api/marks', { idNumber: r.idNumber, color: 'red', reason: 'CLOSE_CONTACT', legalBasis: '《传染病防治法》第三十九条' })).status,
    ).toBe(201);
    const filed = await r.api.post('/api/me/conversion-requests', { reason: '当天不在现场' });
    expect(filed.body).toMatchObject({ status: 'forwarded', handler: { kind: 'authority', district: '110105', grid: null } });

    // The grid's worker does not see or decide it; another district's authority neither.
    const w = await staff('community-worker', JIANWAI);
    expect((await w.api.get('/api/conversion-requests')).body.requests).toEqual([]);
    expect((await decide(w, filed.body.id, true)).status).toBe(404);
    const other = await staff('authority', '110106');
    expect((await decide(other, filed.body.id, true)).status).toBe(404);
    expect((await auth.api.get('/api/conversion-requests')).body.requests.map((x: { id: string }) => x.id)).toEqual([filed.body.id]);

    const decided = await decide(auth, filed.body.id, true, '复核行程，非密接');
    expect(decided.body).toMatchObject({ status: 'approved', decision: { by: 'authority', reason: '复核行程，非密接' } });
    await app.settled();
    expect((await code(r)).color).toBe('green');
    const [m] = (await app.adminDb.query<RowDataPacket[]>('SELECT lifted_at, lift_reason FROM marks'))[0];
    expect(m.lifted_at).not.toBeNull();
    expect(m.lift_reason).toBe('复核行程，非密接');
    expect((await history(r))[0]).toMatchObject({ from: 'red', to: 'green', reasonCode: 'CONVERSION_APPROVED', actor: `authority:110105#${auth.userId}` });
    expect(await conversionsCounted()).toEqual({ forwarded: 1, approved: 1 });
  });

  it('when a declaration and a mark both make it red, then the worker’s approval clears the declaration and forwards the request', async () => {
    const r = await resident(YONGANLI, MISTAKE);
    const auth = await staff('authority', '110105');
    await auth.api.post('/api/marks', { idNumber: r.idNumber, color: 'yellow', reason: 'CLOSE_CONTACT', legalBasis: '《传染病防治法》第三十九条' });
    const filed = await r.api.post('/api/me/conversion-requests', { reason: '勾错了选项' });
    expect(filed.body.status).toBe('pending');
    const w = await staff('community-worker', YONGANLI);
    const decided = await decide(w, filed.body.id, true);
    expect(decided.body).toMatchObject({ status: 'forwarded', handler: { kind: 'authority', district: '110105' }, decision: null });
    await app.settled();
    expect((await code(r)).color).toBe('yellow');
    expect((await history(r))[0]).toMatchObject({
      from: 'red',
      to: 'yellow',
      reasonCode: 'CONVERSION_FORWARDED',
      params: { by: 'community-worker', district: '110105' },
    });
    // It has moved on to the authority: no longer the worker's to see or decide.
    expect((await decide(w, filed.body.id, true)).status).toBe(404);
    expect((await decide(auth, filed.body.id, false, '密接判定无误')).body.status).toBe('rejected');
  });
});

describe('a colour the province decided', () => {
  it('when only the provincial state makes it red, then the request is referred at once with the hotline, and no worker sees it', async () => {
    const r = await resident(YONGANLI);
    expect((await postBatch(app, ndjson([feedLine(app, { idNumber: r.idNumber, color: 'red', version: 1 })]))).status).toBeLessThan(300);
    await app.settled();
    const filed = await r.api.post('/api/me/conversion-requests', { reason: '已核酸阴性' });
    expect(filed.body).toMatchObject({ status: 'referred', handler: { kind: 'provincial', hotline: '0571-12345', grid: null, district: null } });
    // Closed at once: the person may ask again (and is told the same).
    expect((await code(r)).conversion).toMatchObject({ requestable: true, latest: { status: 'referred' } });
    const w = await staff('community-worker', '110105');
    expect((await w.api.get('/api/conversion-requests?status=referred')).body.requests).toEqual([]);
    expect((await decide(w, filed.body.id, true)).status).toBe(404);
    const admin = await staff('admin');
    expect((await admin.api.get('/api/conversion-requests?status=referred')).body.requests).toHaveLength(1);
    expect((await decide(admin, filed.body.id, true)).status).toBe(409);
    expect(await conversionsCounted()).toEqual({ referred: 1 });
  });
});

describe('scope', () => {
  it('when a worker of grid A lists or decides, then grid B’s requests are not theirs: not listed, 404', async () => {
    const inA = await resident(YONGANLI, MISTAKE);
    const inB = await resident(XINGFULI, MISTAKE);
    const a = await inA.api.post('/api/me/conversion-requests', { reason: '勾错了选项' });
    const b = await inB.api.post('/api/me/conversion-requests', { reason: '勾错了选项' });
    const workerA = await staff('community-worker', JIANWAI);
    const workerB = await staff('community-worker', HUJIALOU);
    expect((await workerA.api.get('/api/conversion-requests')).body.requests.map((x: { id: string }) => x.id)).toEqual([a.body.id]);
    expect((await workerB.api.get('/api/conversion-requests')).body.requests.map((x: { id: string }) => x.id)).toEqual([b.body.id]);
    const refused = await decide(workerA, b.body.id, true);
    expect({ status: refused.status, code: refused.body.error.code }).toEqual({ status: 404, code: 'NOT_FOUND' });
    expect((await decide(workerA, '999999999', true)).status).toBe(404);
    // A resident is not a handler: no inbox, no decisions.
    expect((await inA.api.get('/api/conversion-requests')).status).toBe(403);
    expect((await decide(inA, a.body.id, true)).status).toBe(404);
    expect((await rows()).map((x) => x.status)).toEqual(['pending', 'pending']);
    expect((await code(inB)).color).toBe('red');
  });
});
