/**
 * Issue 13, decision 0026 "A place's requirement": an operator sets a place's requirement of a
 * negative nucleic-acid test within N hours (or clears it); a guard's scan there answers the
 * person's standing against it, and a requirement not met refuses entry with its own verdict.
 * Results are put into the table directly (test/support/healthRecords.ts): the feeds that write
 * them are tested on their own.
 */
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { loginBySms, registerResident } from '../support/flows';
import { recordTestResult } from '../support/healthRecords';
import { call } from '../support/http';
import { grantRole } from '../support/roles';
import { startTestApp, type TestApp } from '../support/testApp';

let app: TestApp;
beforeAll(async () => {
  app = await startTestApp();
});
afterAll(() => app.close());
beforeEach(() => app.reset());

const HOUR = 3_600_000;
const NORMAL = { temperature: 'normal', symptoms: [], visitedAreas: [], contact: 'none', address: { district: '110105', detail: '幸福路 1 号' } };
const PLACE = { type: 'station', name: '北京南站进站口', address: '北京市丰台区永外大街车站路 12 号', district: '110106' };
const hoursAgo = (h: number) => new Date(app.clock.now().getTime() - h * HOUR);

async function operator() {
  const op = await loginBySms(app.url);
  await grantRole(app, op.phone, 'operator');
  return op;
}

/** A place (requiring `hours`, or nothing) and a guard of it. */
async function placeWithGuard(hours: number | null) {
  const op = await operator();
  const made = await call(app.url, 'POST', '/api/venues', { ...PLACE, ...(hours === null ? {} : { requiredTestHours: hours }) }, { token: op.token });
  expect(made.status).toBe(201);
  const guard = await loginBySms(app.url);
  await grantRole(app, guard.phone, 'venue-staff', made.body.id);
  return { op, venueId: made.body.id as string, placeCode: made.body.placeCode as string, guard };
}

/** A checked-in (green) resident and the code on their screen. */
async function greenResident(name = '王小明') {
  const r = await registerResident(app.url, { name });
  expect((await call(app.url, 'POST', '/api/me/checkins', NORMAL, { token: r.token })).status).toBe(201);
  const qr = (await call(app.url, 'GET', '/api/me/code', undefined, { token: r.token })).body.qr as string;
  return { ...r, qr };
}

const scan = (guardToken: string, venueId: string, qr: string) => call(app.url, 'POST', '/api/scans', { venueId, qr }, { token: guardToken });
const viewOf = async (token: string, id: string) =>
  ((await call(app.url, 'GET', '/api/venues', undefined, { token })).body.venues as { id: string; requiredTestHours: number | null }[]).find(
    (v) => v.id === id,
  );

describe('an operator sets a place’s test requirement', () => {
  it('when creating a place with one, then it is in the views; an edit changes or clears it, and other edits leave it alone', async () => {
    const { op, venueId, placeCode } = await placeWithGuard(48);
    expect((await viewOf(op.token, venueId))?.requiredTestHours).toBe(48);
    expect((await call(app.url, 'GET', `/api/places/${placeCode}`)).body.requiredTestHours).toBe(48);

    expect(await call(app.url, 'PATCH', `/api/venues/${venueId}`, { requiredTestHours: 24 }, { token: op.token })).toMatchObject({
      status: 200,
      body: { id: venueId, requiredTestHours: 24, active: true },
    });
    // Another edit does not touch it.
    expect((await call(app.url, 'PATCH', `/api/venues/${venueId}`, { rotating: true }, { token: op.token })).body).toMatchObject({
      rotating: true,
      requiredTestHours: 24,
    });
    expect((await viewOf(op.token, venueId))?.requiredTestHours).toBe(24);
    // null clears it.
    expect((await call(app.url, 'PATCH', `/api/venues/${venueId}`, { requiredTestHours: null }, { token: op.token })).body.requiredTestHours).toBeNull();
    expect((await viewOf(op.token, venueId))?.requiredTestHours).toBeNull();

    // A place made without one requires none.
    const plain = await call(app.url, 'POST', '/api/venues', { ...PLACE, name: '朝阳公园南门' }, { token: op.token });
    expect((await viewOf(op.token, plain.body.id))?.requiredTestHours).toBeNull();
  });

  it('when the hours are not a whole number from 1 to 336, then 400 with the error body, and nothing changes', async () => {
    const { op, venueId } = await placeWithGuard(48);
    for (const bad of [0, 337, 'x', 12.5, -1]) {
      expect(await call(app.url, 'POST', '/api/venues', { ...PLACE, requiredTestHours: bad }, { token: op.token })).toMatchObject({
        status: 400,
        body: { error: { code: 'INVALID_REQUEST', message: expect.stringContaining('requiredTestHours') } },
      });
      expect(await call(app.url, 'PATCH', `/api/venues/${venueId}`, { requiredTestHours: bad }, { token: op.token })).toMatchObject({
        status: 400,
        body: { error: { code: 'INVALID_REQUEST', message: expect.stringContaining('requiredTestHours') } },
      });
    }
    expect((await viewOf(op.token, venueId))?.requiredTestHours).toBe(48);
    // The bounds themselves are fine.
    for (const good of [1, 336]) {
      expect((await call(app.url, 'PATCH', `/api/venues/${venueId}`, { requiredTestHours: good }, { token: op.token })).body.requiredTestHours).toBe(good);
    }
  });

  it('when a CSV import has the optional required_test_hours column, then each row’s requirement is set, empty for none, a bad one reported by row', async () => {
    const op = await operator();
    const csv = [
      'type,name,address,district,lat,lng,organisation,required_test_hours',
      'station,北京南站进站口,北京市丰台区永外大街车站路 12 号,110106,,,北京铁路局,48',
      'public,朝阳公园南门,北京市朝阳区朝阳公园南路 1 号,110105,,,,',
      'public,某商场,北京市朝阳区某路 3 号,110105,,,,abc',
      'public,某超市,北京市朝阳区某路 5 号,110105,,,,400',
    ].join('\n');
    const res = await call(app.url, 'POST', '/api/venues/import', undefined, { token: op.token, rawBody: csv, headers: { 'content-type': 'text/csv' } });
    expect(res.status).toBe(200);
    expect(res.body.created.map((c: { row: number }) => c.row)).toEqual([2, 3]);
    expect(res.body.rejected).toEqual([
      { row: 4, code: 'INVALID_ROW', message: expect.stringContaining('requiredTestHours') },
      { row: 5, code: 'INVALID_ROW', message: expect.stringContaining('requiredTestHours') },
    ]);
    const [station, park] = res.body.created as { id: string }[];
    expect((await viewOf(op.token, station.id))?.requiredTestHours).toBe(48);
    expect((await viewOf(op.token, park.id))?.requiredTestHours).toBeNull();
  });
});

describe('a guard’s scan at a place that requires a negative test within 48 hours', () => {
  it('when the person’s latest result is a negative sampled 10 hours ago, then allowed, MET with the sampling time', async () => {
    const { venueId, guard } = await placeWithGuard(48);
    const r = await greenResident();
    const sampledAt = hoursAgo(10);
    await recordTestResult(app, { idNumber: r.idNumber, sampledAt });
    const res = await scan(guard.token, venueId, r.qr);
    expect(res).toMatchObject({
      status: 201,
      body: { color: 'green', allowed: true, verdict: { code: 'ALLOW' }, testRequirement: { hours: 48, verdict: 'MET', sampledAt: sampledAt.toISOString() } },
    });
  });

  it('when the latest negative was sampled 50 hours ago, then not allowed: DENY_TEST_REQUIREMENT, TOO_OLD with when it was sampled — and the scan is a visit like any refused one', async () => {
    const { venueId, guard } = await placeWithGuard(48);
    const r = await greenResident();
    await recordTestResult(app, { idNumber: r.idNumber, sampledAt: hoursAgo(120) });
    const sampledAt = hoursAgo(50);
    await recordTestResult(app, { idNumber: r.idNumber, sampledAt });
    const res = await scan(guard.token, venueId, r.qr);
    expect(res).toMatchObject({
      status: 201,
      body: {
        color: 'green',
        allowed: false,
        verdict: { code: 'DENY_TEST_REQUIREMENT', params: { hours: 48 } },
        testRequirement: { hours: 48, verdict: 'TOO_OLD', sampledAt: sampledAt.toISOString() },
      },
    });
    await app.drainVisits();
    const [rows] = await app.db.query<any[]>('SELECT via, color FROM visits WHERE venue_id = ?', [venueId]);
    expect(rows).toEqual([{ via: 'staff-scan', color: 'green' }]);
  });

  it('when the person has no result, then NO_RESULT (ID lookups too); when the latest is positive, then POSITIVE', async () => {
    const { venueId, guard } = await placeWithGuard(48);
    const none = await greenResident('王小明');
    expect((await scan(guard.token, venueId, none.qr)).body).toMatchObject({
      allowed: false,
      verdict: { code: 'DENY_TEST_REQUIREMENT', params: { hours: 48 } },
      testRequirement: { hours: 48, verdict: 'NO_RESULT', sampledAt: null },
    });
    expect((await call(app.url, 'POST', '/api/scans', { venueId, idNumber: none.idNumber, name: '王小明' }, { token: guard.token })).body).toMatchObject({
      kind: 'id-lookup',
      allowed: false,
      testRequirement: { verdict: 'NO_RESULT' },
    });

    const sick = await greenResident('李小红');
    await recordTestResult(app, { idNumber: sick.idNumber, sampledAt: hoursAgo(30) });
    const positiveAt = hoursAgo(6);
    await recordTestResult(app, { idNumber: sick.idNumber, sampledAt: positiveAt, result: 'positive' });
    expect((await scan(guard.token, venueId, sick.qr)).body).toMatchObject({
      color: 'green',
      allowed: false,
      verdict: { code: 'DENY_TEST_REQUIREMENT' },
      testRequirement: { hours: 48, verdict: 'POSITIVE', sampledAt: positiveAt.toISOString() },
    });
  });

  it('when a paper code or an ID lookup is of someone with a fresh negative, then MET; a colour that refuses keeps its own verdict', async () => {
    const { venueId, guard } = await placeWithGuard(48);
    const r = await greenResident('王小明');
    await recordTestResult(app, { idNumber: r.idNumber, sampledAt: hoursAgo(20) });
    const paper = await call(app.url, 'POST', '/api/me/paper-codes', undefined, { token: r.token });
    expect((await scan(guard.token, venueId, paper.body.qr)).body).toMatchObject({ kind: 'paper', allowed: true, testRequirement: { verdict: 'MET' } });
    expect((await call(app.url, 'POST', '/api/scans', { venueId, idNumber: r.idNumber, name: '王小明' }, { token: guard.token })).body).toMatchObject({
      kind: 'id-lookup',
      allowed: true,
      verdict: { code: 'ALLOW' },
      testRequirement: { verdict: 'MET' },
    });

    // Yellow with a fresh negative: refused for the colour, whose guidance is what they act on.
    const yellow = await registerResident(app.url, { name: '赵小黄' });
    await call(app.url, 'POST', '/api/me/checkins', { ...NORMAL, symptoms: ['cough'] }, { token: yellow.token });
    await recordTestResult(app, { idNumber: yellow.idNumber, sampledAt: hoursAgo(5) });
    const qr = (await call(app.url, 'GET', '/api/me/code', undefined, { token: yellow.token })).body.qr;
    expect((await scan(guard.token, venueId, qr)).body).toMatchObject({
      color: 'yellow',
      allowed: false,
      verdict: { code: 'DENY_YELLOW' },
      testRequirement: { verdict: 'MET' },
    });
  });

  it('when a resident scans the place’s code themselves, then the pass says the requirement and whether they meet it', async () => {
    const { venueId } = await placeWithGuard(48);
    const r = await greenResident();
    const sampledAt = hoursAgo(60);
    await recordTestResult(app, { idNumber: r.idNumber, sampledAt });
    const res = await call(app.url, 'POST', `/api/venues/${venueId}/visits`, {}, { token: r.token });
    expect(res).toMatchObject({
      status: 201,
      body: { pass: { color: 'green', testRequirement: { hours: 48, verdict: 'TOO_OLD', sampledAt: sampledAt.toISOString() } } },
    });
  });
});

describe('a place that requires no test', () => {
  it('when a guard scans there or a resident checks in, then testRequirement is null and the colour alone decides, whatever the records hold', async () => {
    const { venueId, guard } = await placeWithGuard(null);
    const r = await greenResident();
    await recordTestResult(app, { idNumber: r.idNumber, sampledAt: hoursAgo(2), result: 'positive' });
    expect((await scan(guard.token, venueId, r.qr)).body).toMatchObject({ color: 'green', allowed: true, verdict: { code: 'ALLOW' }, testRequirement: null });
    expect((await call(app.url, 'POST', `/api/venues/${venueId}/visits`, {}, { token: r.token })).body.pass.testRequirement).toBeNull();
  });
});
