/** The request log names the route template of every request, the three busiest routes (code,
 * scan, visit) included, failures as well as successes (docs/decisions/0016-one-route-table.md). */
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { loginBySms, registerResident } from '../support/flows';
import { call } from '../support/http';
import { grantRole } from '../support/roles';
import { startTestApp, type TestApp } from '../support/testApp';

let app: TestApp;
beforeAll(async () => {
  app = await startTestApp();
});
afterAll(() => app.close());
beforeEach(() => app.reset());

const NORMAL = { temperature: 'normal', symptoms: [], visitedAreas: [], contact: 'none', address: { district: '110105', detail: '幸福路 1 号' } };
const PLACE = { type: 'community', name: '幸福里小区', address: '北京市朝阳区幸福路 1 号', district: '110105', lat: 39.92, lng: 116.46 };

/** The request line of the answer that carried this X-Request-Id. */
function lineOf(res: { headers: Headers }): { method: string; route: string; status: number } {
  const reqId = res.headers.get('x-request-id');
  expect(reqId).toBeTruthy();
  const line = app.logs.map((l) => JSON.parse(l) as Record<string, unknown>).find((l) => l.msg === 'request' && l.reqId === reqId);
  expect(line).toBeDefined();
  return line as { method: string; route: string; status: number };
}

async function placeWithGuard() {
  const op = await loginBySms(app.url);
  await grantRole(app, op.phone, 'operator');
  const made = await call(app.url, 'POST', '/api/venues', PLACE, { token: op.token });
  expect(made.status).toBe(201);
  const guard = await loginBySms(app.url);
  await grantRole(app, guard.phone, 'venue-staff', made.body.id);
  return { venueId: made.body.id as string, guard };
}

describe('request log', () => {
  it('names GET /api/me/code when it answers and when it refuses (401)', async () => {
    const r = await registerResident(app.url);
    await call(app.url, 'POST', '/api/me/checkins', NORMAL, { token: r.token });
    const ok = await call(app.url, 'GET', '/api/me/code', undefined, { token: r.token });
    expect(ok.status).toBe(200);
    expect(lineOf(ok)).toMatchObject({ method: 'GET', route: '/api/me/code', status: 200 });
    const refused = await call(app.url, 'GET', '/api/me/code');
    expect(refused.status).toBe(401);
    expect(lineOf(refused)).toMatchObject({ method: 'GET', route: '/api/me/code', status: 401 });
  });

  it('names POST /api/scans when it scans and when the body is refused (400)', async () => {
    const { venueId, guard } = await placeWithGuard();
    const r = await registerResident(app.url);
    await call(app.url, 'POST', '/api/me/checkins', NORMAL, { token: r.token });
    const qr = (await call(app.url, 'GET', '/api/me/code', undefined, { token: r.token })).body.qr as string;
    const ok = await call(app.url, 'POST', '/api/scans', { venueId, qr }, { token: guard.token });
    expect(ok.status).toBe(201);
    expect(lineOf(ok)).toMatchObject({ method: 'POST', route: '/api/scans', status: 201 });
    const bad = await call(app.url, 'POST', '/api/scans', { venueId }, { token: guard.token });
    expect(bad.status).toBe(400);
    expect(lineOf(bad)).toMatchObject({ method: 'POST', route: '/api/scans', status: 400 });
    await app.settled();
  });

  it('names POST /api/venues/:id/visits by its template when it records a visit and when the place is unknown (404)', async () => {
    const { venueId } = await placeWithGuard();
    const r = await registerResident(app.url);
    await call(app.url, 'POST', '/api/me/checkins', NORMAL, { token: r.token });
    const ok = await call(app.url, 'POST', `/api/venues/${venueId}/visits`, {}, { token: r.token });
    expect(ok.status).toBe(201);
    expect(lineOf(ok)).toMatchObject({ method: 'POST', route: '/api/venues/:id/visits', status: 201 });
    const unknown = await call(app.url, 'POST', '/api/venues/99999999/visits', {}, { token: r.token });
    expect(unknown.status).toBe(404);
    expect(lineOf(unknown)).toMatchObject({ method: 'POST', route: '/api/venues/:id/visits', status: 404 });
    const loggedOut = await call(app.url, 'POST', `/api/venues/${venueId}/visits`, {});
    expect(loggedOut.status).toBe(401);
    expect(lineOf(loggedOut)).toMatchObject({ route: '/api/venues/:id/visits', status: 401 });
    await app.settled();
  });
});
