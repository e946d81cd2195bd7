/**
 * Attacker pass on issue 12's conversion requests (转码申请) and operator pages: each test is a
 * finding reproduced first, then fixed (docs/decisions/0022).
 */
import type { RowDataPacket } from 'mysql2';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { registerResident } from '../support/flows';
import { CITY_GRIDS, importGrids } from '../support/grids';
import { newIdNumber } from '../support/ids';
import { grantRole } from '../support/roles';
import { checkinAt, conversionActors, JIANWAI, MISTAKE, YONGANLI, type Api } from '../support/conversionFlows';
import { startTestApp, type TestApp } from '../support/testApp';

let app: TestApp;
beforeAll(async () => {
  app = await startTestApp({ env: { SESSION_TTL_SECONDS: String(30 * 86400) } });
});
afterAll(() => app.close());
beforeEach(async () => {
  await app.reset();
  expect((await importGrids(app, CITY_GRIDS)).code).toBe(0);
});

const DAY = 86_400_000;

const { as, resident, staff, decide, code } = conversionActors(() => app);
const request = async (id: string) => (await app.adminDb.query<RowDataPacket[]>('SELECT * FROM conversion_requests WHERE id = ?', [id]))[0][0];

describe('a community worker who is also a resident of their grid', () => {
  it('when they file a request about their own red and decide it themselves, then they are refused and nothing changes', async () => {
    // A resident of 永安里 who is also a worker of the street (a neighbour's job, as often).
    const w = await resident(YONGANLI, MISTAKE);
    await grantRole(app, w.phone, 'community-worker', JIANWAI);
    const filed = await w.api.post('/api/me/conversion-requests', { reason: '勾错了选项' });
    expect(filed.status).toBe(201);

    const own = await decide(w, filed.body.id, true, '本人核实无误');
    expect(own.status).toBe(403);
    expect(own.body.error.code).toBe('FORBIDDEN');
    expect(await request(filed.body.id)).toMatchObject({ status: 'pending', decided_by: null });
    expect((await code(w)).color).toBe('red');

    // Another worker of the grid may.
    const other = await staff('community-worker', JIANWAI);
    expect((await decide(other, filed.body.id, true)).status).toBe(200);
  });

  it('when they filed the request for a relative, then they do not decide it either', async () => {
    const w = await registerResident(app.url, { name: '李工作', idNumber: newIdNumber() });
    await grantRole(app, w.phone, 'community-worker', JIANWAI);
    const api = as(w.token);
    const dep = await api.post('/api/dependents', { name: '李老人', idNumber: newIdNumber('19450301'), relation: 'parent', consent: true });
    expect(dep.status).toBe(201);
    expect((await api.post(`/api/dependents/${dep.body.id}/checkins`, checkinAt(YONGANLI, MISTAKE))).status).toBe(201);
    const filed = await api.post(`/api/dependents/${dep.body.id}/conversion-requests`, { reason: '代填时勾错了' });
    expect(filed.status).toBe(201);

    const own = await decide({ api }, filed.body.id, true, '本人核实无误');
    expect(own.status).toBe(403);
    expect(await request(filed.body.id)).toMatchObject({ status: 'pending', decided_by: null });
  });
  it('when another relative filed the request, then a worker who also files for that person does not decide it', async () => {
    const parent = { name: '李老人', idNumber: newIdNumber('19450301'), relation: 'parent', consent: true };
    const w = await registerResident(app.url, { name: '李工作', idNumber: newIdNumber() });
    await grantRole(app, w.phone, 'community-worker', JIANWAI);
    const sibling = await registerResident(app.url, { name: '李兄弟', idNumber: newIdNumber() });
    expect((await as(w.token).post('/api/dependents', parent)).status).toBe(201);
    const dep = await as(sibling.token).post('/api/dependents', parent);
    expect(dep.status).toBe(201);
    expect((await as(sibling.token).post(`/api/dependents/${dep.body.id}/checkins`, checkinAt(YONGANLI, MISTAKE))).status).toBe(201);
    const filed = await as(sibling.token).post(`/api/dependents/${dep.body.id}/conversion-requests`, { reason: '代填时勾错了' });
    expect(filed.status).toBe(201);

    const own = await decide({ api: as(w.token) }, filed.body.id, true, '家人核实无误');
    expect(own.status).toBe(403);
    expect(await request(filed.body.id)).toMatchObject({ status: 'pending', decided_by: null });
  });
});

describe('an approval vouches for what was declared when the request was filed', () => {
  it('when the person declares red again after asking, then an approval of the old request is refused and the new red stays', async () => {
    const r = await resident(YONGANLI, MISTAKE);
    const filed = await r.api.post('/api/me/conversion-requests', { reason: '昨天勾错了选项' });
    expect(filed.status).toBe(201);

    // The next day, before anyone looked at the request: a fever and a confirmed contact, for real.
    app.clock.advance(DAY);
    expect((await r.api.post('/api/me/checkins', checkinAt(YONGANLI, { temperature: 38.9, contact: 'confirmed' }))).status).toBe(201);

    const w = await staff('community-worker', JIANWAI);
    const answer = await decide(w, filed.body.id, true, '已电话核实昨天是误填');
    expect(answer.status).toBe(409);
    expect(answer.body.error.code).toBe('CONVERSION_OUTDATED');
    await app.settled();
    expect((await code(r)).color).toBe('red');
    expect(await request(filed.body.id)).toMatchObject({ status: 'pending', decided_by: null });
    const [[checkin]] = await app.adminDb.query<RowDataPacket[]>(
      'SELECT c.converted_at FROM checkins c JOIN users u ON u.person_id = c.person_id WHERE u.id = ? ORDER BY c.day DESC LIMIT 1',
      [r.userId],
    );
    expect(checkin.converted_at).toBeNull();

    // Rejecting it stays possible, and the person may then ask about the new declaration.
    expect((await decide(w, filed.body.id, false, '又申报了发热与接触')).status).toBe(200);
  });

  it('when only healthy days followed the request, then the approval still clears the hold', async () => {
    const r = await resident(YONGANLI, MISTAKE);
    const filed = await r.api.post('/api/me/conversion-requests', { reason: '昨天勾错了选项' });
    app.clock.advance(DAY);
    expect((await r.api.post('/api/me/checkins', checkinAt(YONGANLI))).status).toBe(201);
    const w = await staff('community-worker', JIANWAI);
    expect((await decide(w, filed.body.id, true)).status).toBe(200);
    await app.settled();
    expect((await code(r)).color).toBe('green');
  });
});

describe('an authority approval lifts the marks the request was about', () => {
  const mark = (auth: { api: Api }, idNumber: string, reason: string) =>
    auth.api.post('/api/marks', { idNumber, color: 'red', reason, legalBasis: '《传染病防治法》第三十九条' });

  it('when the district set a new mark after the request was forwarded, then approving the old request does not lift it', async () => {
    const r = await resident(YONGANLI);
    const auth = await staff('authority', '110105');
    expect((await mark(auth, r.idNumber, 'CLOSE_CONTACT')).status).toBe(201);
    const filed = await r.api.post('/api/me/conversion-requests', { reason: '当天不在现场' });
    expect(filed.body.status).toBe('forwarded');

    // The next day another officer of the district marks the person again, for a new finding.
    app.clock.advance(DAY);
    const other = await staff('authority', '110105');
    expect((await mark(other, r.idNumber, 'CONFIRMED_CASE')).status).toBe(201);

    const answer = await decide(auth, filed.body.id, true, '核实当天不在现场');
    expect(answer.status).toBe(409);
    expect(answer.body.error.code).toBe('CONVERSION_OUTDATED');
    await app.settled();
    expect((await code(r)).color).toBe('red');
    const [active] = await app.adminDb.query<RowDataPacket[]>("SELECT reason_code FROM marks WHERE district = '110105' AND lifted_at IS NULL");
    expect(active.map((m) => m.reason_code)).toEqual(['CONFIRMED_CASE']);
    expect(await request(filed.body.id)).toMatchObject({ status: 'forwarded', decided_by: null });
  });
});
