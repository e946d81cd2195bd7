import jsQR from 'jsqr';
import { PNG } from 'pngjs';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createCodeSigner } from '@yima/bff/src/crypto/codeSigner';
import { deleteOldVisits } from '@yima/bff/src/features/visits';
import { loginBySms, registerResident } from '../support/flows';
import { call } from '../support/http';
import { newIdNumber } from '../support/ids';
import { grantRole } from '../support/roles';
import { startTestApp, type TestApp } from '../support/testApp';

const otherRegion = createCodeSigner([{ kid: 7, seed: Buffer.alloc(32, 1) }], 7);

let app: TestApp;
beforeAll(async () => {
  app = await startTestApp({
    env: {
      SESSION_TTL_SECONDS: String(60 * 86400),
      ID_LOOKUPS_PER_HOUR: '3',
      PUBLIC_BASE_URL: 'https://yima.example.cn',
      TRUSTED_ISSUERS: JSON.stringify([
        { id: 'suikang', name: '穗康码', keys: [{ kid: 7, publicKey: Buffer.from(otherRegion.publicKeys()[0].publicKey).toString('base64') }] },
      ]),
    },
  });
});
afterAll(() => app.close());
beforeEach(() => app.reset());

const NORMAL = { temperature: 'normal', symptoms: [], visitedAreas: [], contact: 'none', address: { district: '110105', detail: '幸福路 1 号' } };
const PLACE = { type: 'community', name: '幸福里小区', address: '北京市朝阳区幸福路 1 号', district: '110105', lat: 39.92, lng: 116.46 };

async function operator() {
  const op = await loginBySms(app.url);
  await grantRole(app, op.phone, 'operator');
  return op;
}
async function placeWithStaff() {
  const op = await operator();
  const made = await call(app.url, 'POST', '/api/venues', PLACE, { token: op.token });
  expect(made.status).toBe(201);
  const guard = await loginBySms(app.url);
  await grantRole(app, guard.phone, 'venue-staff', made.body.id);
  return { op, venueId: made.body.id as string, placeCode: made.body.placeCode as string, guard };
}
// By place: a visit of an earlier test may still be landing from the stream after a reset.
const visitsRows = async (venueId: string) =>
  (
    await app.db.query<any[]>('SELECT venue_id, person_id, holder, color, via, flagged, verified_offline FROM visits WHERE venue_id = ? ORDER BY id', [venueId])
  )[0];

describe('places', () => {
  it('when an operator registers a place, then it gets a place code, and anyone can look it up by that code', async () => {
    const { venueId, placeCode } = await placeWithStaff();
    expect(placeCode).toMatch(/^[A-Za-z0-9]{10}$/);
    const res = await call(app.url, 'GET', `/api/places/${placeCode}`);
    expect(res.body).toEqual({
      id: venueId,
      type: 'community',
      name: '幸福里小区',
      address: '北京市朝阳区幸福路 1 号',
      district: '110105',
      active: true,
      rotating: false,
      requiredTestHours: null,
    });
    expect((await call(app.url, 'GET', '/api/places/AAAAAAAAAA')).status).toBe(404);
  });

  it('when the request is bad or not from an operator, then 400 or 403 and nothing is created', async () => {
    const op = await operator();
    for (const body of [
      { ...PLACE, type: 'bar' },
      { ...PLACE, district: '999999' },
      { ...PLACE, lat: 39.9, lng: undefined },
      { ...PLACE, name: '' },
    ]) {
      expect((await call(app.url, 'POST', '/api/venues', body, { token: op.token })).status).toBe(400);
    }
    const resident = await registerResident(app.url);
    expect(await call(app.url, 'POST', '/api/venues', PLACE, { token: resident.token })).toMatchObject({ status: 403 });
    expect(Number((await app.db.query<any[]>('SELECT COUNT(*) AS n FROM venues'))[0][0].n)).toBe(0);
  });

  it('when an operator imports a CSV, then good rows become places and each bad row is reported by its row number', async () => {
    const op = await operator();
    const csv = [
      'type,name,address,district,lat,lng,organisation',
      'station,北京南站进站口,北京市丰台区永外大街车站路 12 号,110106,39.865,116.378,北京铁路局',
      'bar,某酒吧,某地址某号,110105,,,',
      'checkpoint,京港澳高速杜家坎检查站,京港澳高速 15 公里处,110106,,,交管局',
      'unit,只有三列,110105',
      'public,朝阳公园南门,北京市朝阳区朝阳公园南路 1 号,110105,,,',
    ].join('\n');
    const res = await call(app.url, 'POST', '/api/venues/import', undefined, { token: op.token, rawBody: csv, headers: { 'content-type': 'text/csv' } });
    expect(res.status).toBe(200);
    expect(res.body.created.map((c: any) => c.row)).toEqual([2, 4, 6]);
    expect(res.body.rejected).toEqual([
      { row: 3, code: 'INVALID_ROW', message: expect.stringContaining('type') },
      { row: 5, code: 'INVALID_ROW', message: expect.stringContaining('columns') },
    ]);
    expect((await call(app.url, 'GET', `/api/places/${res.body.created[0].placeCode}`)).body.name).toBe('北京南站进站口');
    expect(
      await call(app.url, 'POST', '/api/venues/import', undefined, { token: op.token, rawBody: 'a,b\n1,2', headers: { 'content-type': 'text/csv' } }),
    ).toMatchObject({ status: 400, body: { error: { code: 'INVALID_CSV' } } });
  });

  it('when the poster is fetched, then the SVG is an A4 with name, address and the typed place code, and the PNG’s QR opens the visit page for that place', async () => {
    const { op, venueId, placeCode } = await placeWithStaff();
    const svg = await fetch(`${app.url}/api/venues/${venueId}/poster.svg`, { headers: { authorization: `Bearer ${op.token}` } });
    expect(svg.headers.get('content-type')).toContain('image/svg+xml');
    const text = await svg.text();
    for (const part of ['width="210mm" height="297mm"', '幸福里小区', '北京市朝阳区幸福路 1 号', '居民小区', '不会被拒之门外']) expect(text).toContain(part);
    // The code the scan page asks people to type when the camera cannot read the QR.
    expect(text).toMatch(new RegExp(`场所码 <tspan[^>]*>${placeCode}</tspan>`));
    const png = await fetch(`${app.url}/api/venues/${venueId}/poster.png`, { headers: { authorization: `Bearer ${op.token}` } });
    const image = PNG.sync.read(Buffer.from(await png.arrayBuffer()));
    expect(jsQR(new Uint8ClampedArray(image.data), image.width, image.height)?.data).toBe(`https://yima.example.cn/#/pages/visit/index?p=${placeCode}`);
    const resident = await registerResident(app.url);
    expect((await call(app.url, 'GET', `/api/venues/${venueId}/poster.svg`, undefined, { token: resident.token })).status).toBe(404);
  });
});

describe('residents visiting a place', () => {
  it('when a resident scans the place code, then the visit is recorded and the pass shows place, time, colour and masked name', async () => {
    const { venueId } = await placeWithStaff();
    const r = await registerResident(app.url, { name: '王小明' });
    await call(app.url, 'POST', '/api/me/checkins', NORMAL, { token: r.token });
    const res = await call(app.url, 'POST', `/api/venues/${venueId}/visits`, {}, { token: r.token });
    expect(res).toMatchObject({
      status: 201,
      body: {
        pass: { venue: { id: venueId, name: '幸福里小区', type: 'community' }, time: app.clock.now().toISOString(), color: 'green', holder: { name: '王*明' } },
        extended: false,
      },
    });
    await app.drainVisits();
    expect(await visitsRows(venueId)).toEqual([
      { venue_id: venueId, person_id: expect.any(String), holder: '王*明', color: 'green', via: 'resident-scan', flagged: 0, verified_offline: 0 },
    ]);
    const [counts] = await app.db.query<any[]>("SELECT SUM(value) AS n FROM stats_daily WHERE metric = 'scans' AND dimension = 'community'");
    expect(counts).toEqual([{ n: '1' }]);
  });

  it('when the same resident scans again within the window, then the visit is extended, not duplicated; after it, a new one is recorded', async () => {
    const { venueId } = await placeWithStaff();
    const r = await registerResident(app.url);
    expect((await call(app.url, 'POST', `/api/venues/${venueId}/visits`, {}, { token: r.token })).body.extended).toBe(false);
    expect((await call(app.url, 'POST', `/api/venues/${venueId}/visits`, {}, { token: r.token })).body.extended).toBe(true);
    await app.drainVisits();
    expect(await visitsRows(venueId)).toHaveLength(1);
  });

  it('when the resident shares a location far from the place, then the visit is flagged for review, and the colour is untouched', async () => {
    const { venueId } = await placeWithStaff();
    const r = await registerResident(app.url);
    await call(app.url, 'POST', '/api/me/checkins', NORMAL, { token: r.token });
    const res = await call(app.url, 'POST', `/api/venues/${venueId}/visits`, { location: { lat: 31.23, lng: 121.47 } }, { token: r.token });
    expect(res.body.pass.color).toBe('green');
    await app.drainVisits();
    expect((await visitsRows(venueId))[0]).toMatchObject({ flagged: 1 });
  });

  it('when the resident files the visit for a relative, then it is the relative’s pass', async () => {
    const { venueId } = await placeWithStaff();
    const r = await registerResident(app.url);
    const dep = await call(
      app.url,
      'POST',
      '/api/dependents',
      { name: '张老汉', idNumber: newIdNumber('19450301'), relation: 'parent', consent: true },
      { token: r.token },
    );
    const res = await call(app.url, 'POST', `/api/venues/${venueId}/visits`, { dependentId: dep.body.id }, { token: r.token });
    expect(res.body.pass).toMatchObject({ color: 'grey', holder: { name: '张*汉' } });
    const stranger = await registerResident(app.url);
    expect((await call(app.url, 'POST', `/api/venues/${venueId}/visits`, { dependentId: dep.body.id }, { token: stranger.token })).status).toBe(404);
  });

  it('when the place is inactive or unknown, then a clear error', async () => {
    const { op, venueId } = await placeWithStaff();
    const r = await registerResident(app.url);
    expect((await call(app.url, 'PATCH', `/api/venues/${venueId}`, { active: false }, { token: op.token })).body.active).toBe(false);
    expect(await call(app.url, 'POST', `/api/venues/${venueId}/visits`, {}, { token: r.token })).toMatchObject({
      status: 409,
      body: { error: { code: 'VENUE_INACTIVE' } },
    });
    expect(await call(app.url, 'POST', '/api/venues/99999999/visits', {}, { token: r.token })).toMatchObject({ status: 404 });
  });
});

describe('places with a rotating code on a screen', () => {
  it('when a place opts in, then a visit needs the current code from its screen; a photo of an old one stops working', async () => {
    const { op, venueId, guard } = await placeWithStaff();
    expect((await call(app.url, 'PATCH', `/api/venues/${venueId}`, { rotating: true }, { token: op.token })).body).toMatchObject({
      rotating: true,
      active: true,
    });
    const r = await registerResident(app.url);
    expect(await call(app.url, 'POST', `/api/venues/${venueId}/visits`, {}, { token: r.token })).toMatchObject({
      status: 409,
      body: { error: { code: 'PLACE_CODE_EXPIRED' } },
    });
    const screen = await call(app.url, 'GET', `/api/venues/${venueId}/rotating-code`, undefined, { token: guard.token });
    expect(screen.body).toMatchObject({
      url: expect.stringMatching(/^https:\/\/yima\.example\.cn\/#\/pages\/visit\/index\?p=[A-Za-z0-9]{10}&t=[A-Za-z0-9_-]{10}$/),
      refreshAfterSeconds: 30,
    });
    const placeToken = new URL(screen.body.url.replace('#/', '')).searchParams.get('t')!;
    expect((await call(app.url, 'POST', `/api/venues/${venueId}/visits`, { placeToken }, { token: r.token })).status).toBe(201);
    app.clock.advance(61_000);
    const later = await registerResident(app.url);
    expect(await call(app.url, 'POST', `/api/venues/${venueId}/visits`, { placeToken }, { token: later.token })).toMatchObject({
      status: 409,
      body: { error: { code: 'PLACE_CODE_EXPIRED' } },
    });
    const resident = await registerResident(app.url);
    expect((await call(app.url, 'GET', `/api/venues/${venueId}/rotating-code`, undefined, { token: resident.token })).status).toBe(404);
  });
});

describe('staff scanning residents', () => {
  it('when a guard scans a resident’s code, then colour, masked name, allowed and why — and the scan is a visit', async () => {
    const { venueId, guard } = await placeWithStaff();
    const r = await registerResident(app.url, { name: '王小明' });
    await call(app.url, 'POST', '/api/me/checkins', { ...NORMAL, symptoms: ['cough'] }, { token: r.token });
    const qr = (await call(app.url, 'GET', '/api/me/code', undefined, { token: r.token })).body.qr;
    const res = await call(app.url, 'POST', '/api/scans', { venueId, qr }, { token: guard.token });
    expect(res).toMatchObject({
      status: 201,
      body: {
        color: 'yellow',
        holder: { name: '王*明' },
        allowed: false,
        verdict: { code: 'DENY_YELLOW', params: {} },
        kind: 'screen',
        verifiedOffline: false,
      },
    });
    expect(Object.keys(res.body).sort()).toEqual(['allowed', 'color', 'holder', 'issuer', 'kind', 'testRequirement', 'verdict', 'verifiedOffline']);
    expect(res.body.issuer).toBeNull();
    await app.drainVisits();
    expect((await visitsRows(venueId))[0]).toMatchObject({ via: 'staff-scan', color: 'yellow' });
  });

  it('checks our own screen tokens by digest when it can, and by signature when the digest is not registered — same answer', async () => {
    const { venueId, guard } = await placeWithStaff();
    const r = await registerResident(app.url, { name: '王小明' });
    await call(app.url, 'POST', '/api/me/checkins', NORMAL, { token: r.token });
    const qr = (await call(app.url, 'GET', '/api/me/code', undefined, { token: r.token })).body.qr as string;
    const digest = (await import('@yima/bff/src/features/code')).tokenDigest(qr);
    await expect.poll(() => app.redis.get(`yima:tok:${digest}`)).toBe(r.userId);
    const fast = await call(app.url, 'POST', '/api/scans', { venueId, qr }, { token: guard.token });
    await app.redis.del(`yima:tok:${digest}`);
    const slow = await call(app.url, 'POST', '/api/scans', { venueId, qr }, { token: guard.token });
    expect(fast.body).toEqual(slow.body);
    expect(fast.body).toMatchObject({ color: 'green', allowed: true, holder: { name: '王*明' } });
  });

  it('when the scanner is not staff of that place, then 403; another place’s staff too', async () => {
    const { venueId } = await placeWithStaff();
    const { guard: otherGuard } = await placeWithStaff();
    const r = await registerResident(app.url);
    const qr = (await call(app.url, 'GET', '/api/me/code', undefined, { token: r.token })).body.qr;
    expect(await call(app.url, 'POST', '/api/scans', { venueId, qr }, { token: otherGuard.token })).toMatchObject({
      status: 403,
      body: { error: { code: 'FORBIDDEN' } },
    });
    expect(await call(app.url, 'POST', '/api/scans', { venueId, qr }, { token: r.token })).toMatchObject({ status: 403 });
  });

  it.each([
    ['an expired screen code', 'CODE_EXPIRED'],
    ['a forged code', 'BAD_SIGNATURE'],
    ['a revoked paper code', 'CODE_REVOKED'],
    ['not a code', 'INVALID_CODE'],
  ])('when %s is scanned, then 400 %s and no visit', async (which, code) => {
    const { venueId, guard } = await placeWithStaff();
    const r = await registerResident(app.url);
    let qr = (await call(app.url, 'GET', '/api/me/code', undefined, { token: r.token })).body.qr as string;
    if (which === 'an expired screen code') app.clock.advance(10 * 60_000);
    if (which === 'a forged code') qr = qr.slice(0, -4) + (qr.endsWith('0000') ? '1111' : '0000');
    if (which === 'a revoked paper code') {
      qr = (await call(app.url, 'POST', '/api/me/paper-codes', undefined, { token: r.token })).body.qr;
      app.clock.advance(2000);
      await call(app.url, 'POST', '/api/me/paper-codes', { replace: true }, { token: r.token });
    }
    if (which === 'not a code') qr = 'https://example.com';
    expect(await call(app.url, 'POST', '/api/scans', { venueId, qr }, { token: guard.token })).toMatchObject({ status: 400, body: { error: { code } } });
    await app.drainVisits();
    expect(await visitsRows(venueId)).toEqual([]);
  });

  it('when another region’s code is scanned, then its own colour is shown as a recognised code, its issuer given as data, not words', async () => {
    const { venueId, guard } = await placeWithStaff();
    const now = Math.floor(app.clock.now().getTime() / 1000);
    const qr = otherRegion.sign({ kind: 'screen', color: 'green', holderId: 'a1b2c3d4e5f60718', issuedAt: now - 5, expiresAt: now + 295 });
    expect((await call(app.url, 'POST', '/api/scans', { venueId, qr }, { token: guard.token })).body).toMatchObject({
      color: 'green',
      allowed: true,
      kind: 'recognised',
      holder: null,
      issuer: { id: 'suikang', name: '穗康码' },
    });
    await app.drainVisits();
    // The visit log keeps the issuer as the merged sources name it, not a sentence ("穗康码持码人").
    expect(await visitsRows(venueId)).toEqual([
      { venue_id: venueId, person_id: null, holder: 'recognised:suikang', color: 'green', via: 'staff-scan', flagged: 0, verified_offline: 0 },
    ]);
  });

  it('when a scan verified offline is uploaded later, then it is recorded with its time and marked offline', async () => {
    const { venueId, guard } = await placeWithStaff();
    const r = await registerResident(app.url);
    await call(app.url, 'POST', '/api/me/checkins', NORMAL, { token: r.token });
    const qr = (await call(app.url, 'GET', '/api/me/code', undefined, { token: r.token })).body.qr;
    const scannedAt = app.clock.now().toISOString();
    app.clock.advance(3600_000); // back online an hour later: the screen token has long expired
    const res = await call(app.url, 'POST', '/api/scans', { venueId, qr, scannedAt, verifiedOffline: true }, { token: guard.token });
    expect(res.body).toMatchObject({ color: 'green', verifiedOffline: true });
    await app.drainVisits();
    const [rows] = await app.db.query<any[]>('SELECT via, verified_offline, at FROM visits WHERE venue_id = ?', [venueId]);
    expect(rows).toEqual([{ via: 'offline-scan', verified_offline: 1, at: new Date(scannedAt) }]);
  });
});

describe('people without a phone', () => {
  it('when a guard enters an ID number and name, then the merged colour is looked up and recorded like a scan, and audited', async () => {
    const { venueId, guard } = await placeWithStaff();
    const r = await registerResident(app.url, { name: '王小明' });
    await call(app.url, 'POST', '/api/me/checkins', NORMAL, { token: r.token });
    const res = await call(app.url, 'POST', '/api/scans', { venueId, idNumber: r.idNumber, name: '王小明' }, { token: guard.token });
    expect(res).toMatchObject({ status: 201, body: { color: 'green', allowed: true, holder: { name: '王*明' }, kind: 'id-lookup' } });
    const [audit] = await app.db.query<any[]>('SELECT staff_user_id, found FROM id_lookups');
    expect(audit).toEqual([{ staff_user_id: guard.userId, found: 1 }]);
  });

  it('when the name does not match or nobody has that ID, then 404 "record by hand", audited too; after the hourly limit, 429', async () => {
    const { venueId, guard } = await placeWithStaff();
    const r = await registerResident(app.url, { name: '王小明' });
    expect(await call(app.url, 'POST', '/api/scans', { venueId, idNumber: r.idNumber, name: '李四' }, { token: guard.token })).toMatchObject({
      status: 404,
      body: { error: { message: expect.stringContaining('by hand') } },
    });
    expect((await call(app.url, 'POST', '/api/scans', { venueId, idNumber: newIdNumber(), name: '王小明' }, { token: guard.token })).status).toBe(404);
    expect((await call(app.url, 'POST', '/api/scans', { venueId, idNumber: r.idNumber, name: '王小明' }, { token: guard.token })).status).toBe(201);
    const limited = await call(app.url, 'POST', '/api/scans', { venueId, idNumber: r.idNumber, name: '王小明' }, { token: guard.token });
    expect(limited).toMatchObject({ status: 429, body: { error: { code: 'LOOKUP_RATE_LIMITED' } } });
    expect(Number(limited.headers.get('retry-after'))).toBeGreaterThan(0);
    expect((await app.db.query<any[]>('SELECT found FROM id_lookups ORDER BY id'))[0].map((x: any) => x.found)).toEqual([0, 0, 1]);
    expect(await call(app.url, 'POST', '/api/scans', { venueId, idNumber: '123', name: '王小明' }, { token: guard.token })).toMatchObject({
      status: 400,
      body: { error: { code: 'INVALID_ID_NUMBER' } },
    });
  });

  it('lists the places a staff account is bound to, each saying whether it shows a rotating code (the scanner offers its screen only then)', async () => {
    const { op, venueId, guard } = await placeWithStaff();
    const place = { id: venueId, name: '幸福里小区', address: '北京市朝阳区幸福路 1 号', type: 'community' };
    expect((await call(app.url, 'GET', '/api/staff/venues', undefined, { token: guard.token })).body).toEqual({ venues: [{ ...place, rotating: false }] });
    expect((await call(app.url, 'PATCH', `/api/venues/${venueId}`, { rotating: true }, { token: op.token })).status).toBe(200);
    expect((await call(app.url, 'GET', '/api/staff/venues', undefined, { token: guard.token })).body).toEqual({ venues: [{ ...place, rotating: true }] });
  });
});

describe('retention', () => {
  it('deletes visits older than the retention period and keeps the rest', async () => {
    const { venueId, guard } = await placeWithStaff();
    const r = await registerResident(app.url);
    const qr = () => call(app.url, 'GET', '/api/me/code', undefined, { token: r.token }).then((x) => x.body.qr);
    await call(app.url, 'POST', '/api/scans', { venueId, qr: await qr() }, { token: guard.token });
    app.clock.advance(20 * 86400_000);
    app.dropCaches();
    await call(app.url, 'POST', '/api/scans', { venueId, qr: await qr() }, { token: guard.token });
    await app.drainVisits();
    app.clock.advance(10 * 86400_000);
    expect(await deleteOldVisits({ db: app.db, clock: app.clock, retentionDays: 28 })).toBe(1);
    expect(await visitsRows(venueId)).toHaveLength(1);
  });
});

describe('bodies of the busy gate routes (read without the general parser)', () => {
  it.each([
    ['not JSON', '{"venueId":', 400, 'INVALID_JSON'],
    ['a bare number', '3', 400, 'INVALID_JSON'],
    ['too large', JSON.stringify({ venueId: '1', qr: 'x'.repeat(20_000) }), 413, 'PAYLOAD_TOO_LARGE'],
  ])('when a scan or a visit sends %s, then %i %s', async (_case, body, status, code) => {
    const { venueId, guard } = await placeWithStaff();
    const r = await registerResident(app.url);
    for (const [path, token] of [
      ['/api/scans', guard.token],
      [`/api/venues/${venueId}/visits`, r.token],
    ] as const) {
      const res = await call(app.url, 'POST', path, undefined, { token, rawBody: body, headers: { 'content-type': 'application/json' } });
      expect(res).toMatchObject({ status, body: { error: { code } } });
    }
  });

  it('when a visit has no body at all, then it is an ordinary visit', async () => {
    const { venueId } = await placeWithStaff();
    const r = await registerResident(app.url);
    expect((await call(app.url, 'POST', `/api/venues/${venueId}/visits`, undefined, { token: r.token })).status).toBe(201);
  });
});
