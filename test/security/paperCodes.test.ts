/**
 * Issue 10, finding 5 (and finding 6's concurrent issuance), replayed over HTTP as the
 * attacker and the unlucky family met them:
 * - opening the paper-code page issued a new code and silently voided the printed card;
 * - `POST /api/recognitions` accepted a revoked paper code and answered its printed green;
 * - `POST /api/paper-codes/verify` told any logged-in account any holder's colour and name;
 * - 10 concurrent `POST /api/me/paper-codes` answered 9 × 500 (duplicate entry).
 */
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { loginBySms, registerResident } from '../support/flows';
import { call } from '../support/http';
import { newIdNumber } from '../support/ids';
import { grantRole } from '../support/roles';
import { startTestApp, type TestApp } from '../support/testApp';

let app: TestApp;
beforeAll(async () => {
  app = await startTestApp({ env: { PAPER_CODE_DAYS: '7' } });
});
afterAll(() => app.close());
beforeEach(() => app.reset());

const NORMAL = { temperature: 'normal', symptoms: [], visitedAreas: [], contact: 'none', address: { district: '110105', detail: '幸福路 1 号' } };
const COUGH = { ...NORMAL, symptoms: ['cough'] };
const PLACE = { type: 'community', name: '幸福里小区', address: '北京市朝阳区幸福路 1 号', district: '110105' };

async function familyWithGrandpa() {
  const filer = await registerResident(app.url, { name: '张小三' });
  const added = await call(
    app.url,
    'POST',
    '/api/dependents',
    { name: '张老汉', idNumber: newIdNumber('19450301'), relation: 'parent', consent: true },
    { token: filer.token },
  );
  expect(added.status).toBe(201);
  const dependentId = added.body.id as string;
  expect((await call(app.url, 'POST', `/api/dependents/${dependentId}/checkins`, NORMAL, { token: filer.token })).status).toBe(201);
  return { filer, dependentId };
}

async function guardOfAPlace() {
  const op = await loginBySms(app.url);
  await grantRole(app, op.phone, 'operator');
  const place = await call(app.url, 'POST', '/api/venues', PLACE, { token: op.token });
  expect(place.status).toBe(201);
  const guard = await loginBySms(app.url);
  await grantRole(app, guard.phone, 'venue-staff', place.body.id);
  return { guard, venueId: place.body.id as string };
}

const printFor = (token: string, dependentId: string, body?: object) => call(app.url, 'POST', `/api/dependents/${dependentId}/paper-codes`, body, { token });
const verify = (token: string, qr: string) => call(app.url, 'POST', '/api/paper-codes/verify', { qr }, { token });

describe('finding 5: opening the paper-code page voided the printed card', () => {
  it('when the family opens the page again after printing, then they see the same card and the guard still lets grandpa in', async () => {
    const { filer, dependentId } = await familyWithGrandpa();
    const { guard, venueId } = await guardOfAPlace();
    const printed = await printFor(filer.token, dependentId);
    expect(printed.status).toBe(201);
    app.clock.advance(3 * 3600_000);

    // The page is opened again (the old page POSTed here on every load).
    const seen = await call(app.url, 'GET', `/api/dependents/${dependentId}/paper-codes/current`, undefined, { token: filer.token });
    expect(seen).toMatchObject({ status: 200, body: { paperCode: { id: printed.body.id, qr: printed.body.qr, holder: { name: '张*汉' } } } });
    // A client still POSTing without saying "replace" gets a clear refusal, not a new card.
    const again = await printFor(filer.token, dependentId);
    expect(again).toMatchObject({ status: 409, body: { error: { code: 'PAPER_CODE_EXISTS' } } });

    const scan = await call(app.url, 'POST', '/api/scans', { venueId, qr: printed.body.qr }, { token: guard.token });
    expect(scan).toMatchObject({ status: 201, body: { color: 'green', allowed: true, kind: 'paper' } });

    // Only a deliberate reissue (replace: true) replaces it; then the old card is void everywhere.
    const fresh = await printFor(filer.token, dependentId, { replace: true });
    expect(fresh).toMatchObject({ status: 201, body: { id: expect.any(String) } });
    expect(fresh.body.id).not.toBe(printed.body.id);
    expect(await call(app.url, 'POST', '/api/scans', { venueId, qr: printed.body.qr }, { token: guard.token })).toMatchObject({
      status: 400,
      body: { error: { code: 'CODE_REVOKED' } },
    });
    expect((await call(app.url, 'POST', '/api/scans', { venueId, qr: fresh.body.qr }, { token: guard.token })).status).toBe(201);
  });

  it('when nothing was printed yet, then viewing says so and issues nothing', async () => {
    const { filer, dependentId } = await familyWithGrandpa();
    expect(await call(app.url, 'GET', `/api/dependents/${dependentId}/paper-codes/current`, undefined, { token: filer.token })).toMatchObject({
      status: 200,
      body: { paperCode: null },
    });
    const [rows] = await app.db.query<any[]>('SELECT COUNT(*) AS n FROM paper_codes');
    expect(Number(rows[0].n)).toBe(0);
  });
});

describe('finding 5: a revoked paper code was accepted at /api/recognitions', () => {
  it('when grandpa turns yellow after printing, then recognitions, scans and verify all refuse the green card', async () => {
    const { filer, dependentId } = await familyWithGrandpa();
    const { guard, venueId } = await guardOfAPlace();
    const { qr } = (await printFor(filer.token, dependentId)).body;
    expect((await call(app.url, 'POST', `/api/dependents/${dependentId}/checkins`, COUGH, { token: filer.token })).body.color).toBe('yellow');

    const anyone = await registerResident(app.url);
    const recognised = await call(app.url, 'POST', '/api/recognitions', { qr }, { token: anyone.token });
    expect(recognised).toMatchObject({ status: 400, body: { error: { code: 'CODE_REVOKED' } } });
    expect(JSON.stringify(recognised.body)).not.toContain('green');
    expect(await call(app.url, 'POST', '/api/scans', { venueId, qr }, { token: guard.token })).toMatchObject({
      status: 400,
      body: { error: { code: 'CODE_REVOKED' } },
    });
    expect(await verify(guard.token, qr)).toMatchObject({ status: 400, body: { error: { code: 'CODE_REVOKED' } } });
  });

  it('when a card was replaced by a newer one, then recognitions refuses the old one too', async () => {
    const { filer, dependentId } = await familyWithGrandpa();
    const { qr } = (await printFor(filer.token, dependentId)).body;
    app.clock.advance(60_000);
    expect((await printFor(filer.token, dependentId, { replace: true })).status).toBe(201);
    expect(await call(app.url, 'POST', '/api/recognitions', { qr }, { token: filer.token })).toMatchObject({
      status: 400,
      body: { error: { code: 'CODE_REVOKED' } },
    });
  });
});

describe('finding 5: paper verify told any account any holder’s colour and name', () => {
  it('when a stranger verifies someone’s paper code, then 403 and neither colour nor name', async () => {
    const { filer, dependentId } = await familyWithGrandpa();
    const { qr } = (await printFor(filer.token, dependentId)).body;
    const stranger = await registerResident(app.url, { name: '坏人甲' });
    const res = await verify(stranger.token, qr);
    expect(res).toMatchObject({ status: 403, body: { error: { code: 'FORBIDDEN' } } });
    expect(JSON.stringify(res.body)).not.toMatch(/green|张\*汉/);
    // An account with no registration at all is refused the same way.
    const bare = await loginBySms(app.url);
    expect((await verify(bare.token, qr)).status).toBe(403);
  });

  it('answers venue staff, the active filer and the holder; not a filer who stopped', async () => {
    const { filer, dependentId } = await familyWithGrandpa();
    const { guard } = await guardOfAPlace();
    const { qr } = (await printFor(filer.token, dependentId)).body;
    expect(await verify(guard.token, qr)).toMatchObject({ status: 200, body: { color: 'green', holder: { name: '张*汉' } } });
    expect((await verify(filer.token, qr)).status).toBe(200);

    const holder = await registerResident(app.url, { name: '王小明' });
    const own = (await call(app.url, 'POST', '/api/me/paper-codes', undefined, { token: holder.token })).body;
    expect(await verify(holder.token, own.qr)).toMatchObject({ status: 200, body: { holder: { name: '王*明' } } });
    expect((await verify(filer.token, own.qr)).status).toBe(403);

    expect((await call(app.url, 'DELETE', `/api/dependents/${dependentId}`, undefined, { token: filer.token })).status).toBe(204);
    expect((await verify(filer.token, qr)).status).toBe(403);
  });
});

describe('finding 6: concurrent issuance answered 500', () => {
  it('when 10 POST /api/me/paper-codes arrive at once, then no 5xx and one card results', async () => {
    const r = await registerResident(app.url);
    const replies = await Promise.all(Array.from({ length: 10 }, () => call(app.url, 'POST', '/api/me/paper-codes', undefined, { token: r.token })));
    expect(replies.map((x) => x.status).filter((s) => s >= 500)).toEqual([]);
    const [rows] = await app.db.query<any[]>('SELECT id, revoked_at FROM paper_codes');
    expect(rows).toHaveLength(1);
    expect(rows[0].revoked_at).toBeNull();
    // Each answer names that card, or says a valid card exists already.
    for (const x of replies) {
      if (x.status === 201) expect(x.body.id).toBe(String(rows[0].id));
      else expect(x).toMatchObject({ status: 409, body: { error: { code: 'PAPER_CODE_EXISTS' } } });
    }
    const current = await call(app.url, 'GET', '/api/me/paper-codes/current', undefined, { token: r.token });
    expect(current.body.paperCode.id).toBe(String(rows[0].id));
  });

  it('when 10 reissues (replace: true) for a relative arrive at once, then no 5xx and all name the same valid card', async () => {
    const { filer, dependentId } = await familyWithGrandpa();
    expect((await printFor(filer.token, dependentId)).status).toBe(201);
    app.clock.advance(60_000);
    const replies = await Promise.all(Array.from({ length: 10 }, () => printFor(filer.token, dependentId, { replace: true })));
    expect(replies.map((x) => x.status)).toEqual(Array(10).fill(201));
    expect(new Set(replies.map((x) => x.body.id)).size).toBe(1);
    const [rows] = await app.db.query<any[]>('SELECT id FROM paper_codes WHERE revoked_at IS NULL');
    expect(rows.map((x) => String(x.id))).toEqual([replies[0].body.id]);
  });
});
