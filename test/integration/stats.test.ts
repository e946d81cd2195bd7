import { parse as parseCsv } from 'csv-parse/sync';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { addDays, chinaDate } from '@yima/shared';
import { VENUE_TYPES } from '@yima/shared/contracts/venues';
import pino from 'pino';
import { createCodeSigner } from '@yima/bff/src/crypto/codeSigner';
import { createActivity, createStatsRepo, deleteOldActivePeople } from '@yima/bff/src/features/stats';
import { declareResident, loginBySms, registerResident } from '../support/flows';
import { call } from '../support/http';
import { newIdNumber } from '../support/ids';
import { grantRole } from '../support/roles';
import { startTestApp, type TestApp } from '../support/testApp';

/**
 * City statistics (SPEC C9; docs/decisions/0020-statistics.md): the figures the routes answer
 * equal what this test itself did over two days — counted from its own actions, never by
 * reading the tables the BFF counts into.
 */
const otherRegion = createCodeSigner([{ kid: 7, seed: Buffer.alloc(32, 2) }], 7);

let app: TestApp;
beforeAll(async () => {
  app = await startTestApp({
    env: {
      SESSION_TTL_SECONDS: String(60 * 86400),
      TRUSTED_ISSUERS: JSON.stringify([
        { id: 'suikang', name: '穗康码', keys: [{ kid: 7, publicKey: Buffer.from(otherRegion.publicKeys()[0].publicKey).toString('base64') }] },
      ]),
    },
  });
});
afterAll(() => app.close());
beforeEach(() => app.reset());

const NORMAL = { temperature: 'normal', symptoms: [], visitedAreas: [], contact: 'none', address: { district: '110105', detail: '幸福路 1 号' } };
const COUGH = { ...NORMAL, symptoms: ['cough'] };
type VenueType = (typeof VENUE_TYPES)[number];

/** What the test did, by China day: the figures it expects. */
class Ledger {
  private days = new Map<
    string,
    {
      registrations: number;
      checkins: number;
      byRelatives: number;
      scans: Record<VenueType, number>;
      staffScans: Record<VenueType, number>;
      active: Set<string>;
    }
  >();
  private of(day: string) {
    let d = this.days.get(day);
    if (!d) {
      const zeros = () => Object.fromEntries(VENUE_TYPES.map((t) => [t, 0])) as Record<VenueType, number>;
      d = { registrations: 0, checkins: 0, byRelatives: 0, scans: zeros(), staffScans: zeros(), active: new Set() };
      this.days.set(day, d);
    }
    return d;
  }
  registered(day: string) {
    this.of(day).registrations += 1;
  }
  checkedIn(day: string, byRelative: boolean) {
    this.of(day).checkins += 1;
    if (byRelative) this.of(day).byRelatives += 1;
  }
  scanned(day: string, type: VenueType, by: 'resident' | 'staff', person: string | null) {
    this.of(day).scans[type] += 1;
    if (by === 'staff') this.of(day).staffScans[type] += 1;
    if (person) this.active(day, person);
  }
  active(day: string, person: string) {
    this.of(day).active.add(person);
  }
  expected(day: string) {
    const d = this.of(day);
    return {
      date: day,
      registrations: d.registrations,
      activeUsers: d.active.size,
      checkins: d.checkins,
      checkinsByRelatives: d.byRelatives,
      scans: d.scans,
      staffScans: d.staffScans,
      // Conversion requests are counted in test/integration/conversions.test.ts.
      conversions: { approved: 0, rejected: 0, forwarded: 0, referred: 0 },
    };
  }
}

async function operator() {
  const op = await loginBySms(app.url);
  await grantRole(app, op.phone, 'operator');
  return op;
}

describe('city statistics', () => {
  it('when a day of activity is generated, then the daily figures, the range and the CSV equal what was done, and the export is audited', async () => {
    const ledger = new Ledger();
    const d1 = chinaDate(app.clock.now());
    const op = await operator();
    const get = (path: string) => call(app.url, 'GET', path, undefined, { token: op.token });

    // A place of each type, each with its guard (guards and the operator never register: they are not counted).
    const places = {} as Record<VenueType, { id: string; guard: string }>;
    for (const type of VENUE_TYPES) {
      const made = await call(
        app.url,
        'POST',
        '/api/venues',
        { type, name: `${type} 测试场所`, address: '北京市朝阳区幸福路 1 号', district: '110105' },
        { token: op.token },
      );
      expect(made.status).toBe(201);
      const guard = await loginBySms(app.url);
      await grantRole(app, guard.phone, 'venue-staff', made.body.id);
      places[type] = { id: made.body.id, guard: guard.token };
    }

    // Registrations: five verified, two declared; one declared account corrects its name (no new registration).
    const residents = [];
    for (let i = 0; i < 5; i++) residents.push(await registerResident(app.url, { name: `王小${'一二三四五'[i]}` }));
    for (let i = 0; i < 2; i++) residents.push(await declareResident(app.url, { name: `李小${'六七'[i]}` }));
    for (let i = 0; i < residents.length; i++) ledger.registered(d1);
    const r6 = residents[6];
    expect((await call(app.url, 'PUT', '/api/me/identity', { name: '李小柒', idNumber: r6.idNumber }, { token: r6.token })).status).toBe(200);
    r6.name = '李小柒';
    const person = (r: { idNumber: string }) => r.idNumber;

    // Check-ins: six residents check in; r0 twice (the second replaces the first).
    for (const r of residents.slice(0, 6)) {
      expect((await call(app.url, 'POST', '/api/me/checkins', NORMAL, { token: r.token })).status).toBe(201);
      ledger.checkedIn(d1, false);
    }
    expect((await call(app.url, 'POST', '/api/me/checkins', COUGH, { token: residents[0].token })).body.updated).toBe(true);
    // Relatives: r1 and r2 each file a parent and check in for them; r2 twice.
    const relatives: { filer: (typeof residents)[number]; id: string; idNumber: string }[] = [];
    for (const filer of [residents[1], residents[2]]) {
      const idNumber = newIdNumber('19450301');
      const added = await call(app.url, 'POST', '/api/dependents', { name: '张老汉', idNumber, relation: 'parent', consent: true }, { token: filer.token });
      expect(added.status).toBe(201);
      relatives.push({ filer, id: added.body.id, idNumber });
      expect((await call(app.url, 'POST', `/api/dependents/${added.body.id}/checkins`, NORMAL, { token: filer.token })).status).toBe(201);
      ledger.checkedIn(d1, true);
    }
    expect((await call(app.url, 'POST', `/api/dependents/${relatives[1].id}/checkins`, COUGH, { token: residents[2].token })).body.updated).toBe(true);

    // Codes shown: r0 three times, r1 and r2 once; r1 shows their relative's code.
    const qrOf = async (r: { token: string }) => {
      const res = await call(app.url, 'GET', '/api/me/code', undefined, { token: r.token });
      expect(res.status).toBe(200);
      return res.body.qr as string;
    };
    for (let i = 0; i < 3; i++) await qrOf(residents[0]);
    const r1Qr = await qrOf(residents[1]);
    const r1QrAt = app.clock.now();
    await qrOf(residents[2]);
    for (const r of residents.slice(0, 3)) ledger.active(d1, person(r));
    expect((await call(app.url, 'GET', `/api/dependents/${relatives[0].id}/code`, undefined, { token: residents[1].token })).status).toBe(200);
    ledger.active(d1, relatives[0].idNumber);

    // Residents scan places' codes: r3 a community; r4 a workplace twice (the second extends the
    // visit: not a new one); r2 takes their relative to a station.
    const visit = (r: { token: string }, type: VenueType, body: object = {}) =>
      call(app.url, 'POST', `/api/venues/${places[type].id}/visits`, body, { token: r.token });
    expect((await visit(residents[3], 'community')).body.extended).toBe(false);
    ledger.scanned(d1, 'community', 'resident', person(residents[3]));
    expect((await visit(residents[4], 'unit')).body.extended).toBe(false);
    expect((await visit(residents[4], 'unit')).body.extended).toBe(true);
    ledger.scanned(d1, 'unit', 'resident', person(residents[4]));
    expect((await visit(residents[2], 'station', { dependentId: relatives[1].id })).status).toBe(201);
    ledger.scanned(d1, 'station', 'resident', relatives[1].idNumber);

    // Staff scans: a checkpoint scans r0's screen code; a public place looks r6 up by ID number
    // and name (r6 never showed a code); a community scans another region's code (no one of ours).
    const scan = (type: VenueType, body: object) => call(app.url, 'POST', '/api/scans', { venueId: places[type].id, ...body }, { token: places[type].guard });
    expect((await scan('checkpoint', { qr: await qrOf(residents[0]) })).status).toBe(201);
    ledger.scanned(d1, 'checkpoint', 'staff', person(residents[0]));
    expect((await scan('public', { idNumber: r6.idNumber, name: r6.name })).status).toBe(201);
    ledger.scanned(d1, 'public', 'staff', person(r6));
    const now = Math.floor(app.clock.now().getTime() / 1000);
    const foreign = otherRegion.sign({ kind: 'screen', color: 'green', holderId: 'a1b2c3d4e5f60718', issuedAt: now - 5, expiresAt: now + 295 });
    expect((await scan('community', { qr: foreign })).body.kind).toBe('recognised');
    ledger.scanned(d1, 'community', 'staff', null);
    // Refused requests count nothing: a resident who is not staff, a code that is no code.
    expect((await call(app.url, 'POST', '/api/scans', { venueId: places.unit.id, qr: foreign }, { token: residents[3].token })).status).toBe(403);
    expect((await scan('unit', { qr: 'not a code' })).status).toBe(400);

    // The next day (23 hours later, 15:00 China time).
    app.clock.advance(23 * 3600_000);
    const d2 = chinaDate(app.clock.now());
    expect(d2).toBe(addDays(d1, 1));
    for (let i = 0; i < 2; i++) residents.push(await registerResident(app.url, { name: `赵小${'八九'[i]}` }));
    ledger.registered(d2);
    ledger.registered(d2);
    expect((await call(app.url, 'POST', '/api/me/checkins', NORMAL, { token: residents[0].token })).body.updated).toBe(false);
    ledger.checkedIn(d2, false);
    expect((await call(app.url, 'POST', `/api/dependents/${relatives[0].id}/checkins`, NORMAL, { token: residents[1].token })).status).toBe(201);
    ledger.checkedIn(d2, true);
    await qrOf(residents[0]);
    ledger.active(d2, person(residents[0]));
    expect((await visit(residents[7], 'community')).status).toBe(201);
    ledger.scanned(d2, 'community', 'resident', person(residents[7]));
    // A guard who was offline yesterday uploads a scan made then: it counts on the day it was made.
    const scannedAt = new Date(r1QrAt.getTime() + 30_000).toISOString();
    expect((await scan('unit', { qr: r1Qr, scannedAt, verifiedOffline: true })).body.verifiedOffline).toBe(true);
    ledger.scanned(d1, 'unit', 'staff', person(residents[1]));

    // Every acknowledged visit written, every shown code flushed (within seconds otherwise).
    await app.settled();

    expect((await get(`/api/stats/daily?date=${d1}`)).body).toEqual(ledger.expected(d1));
    expect((await get(`/api/stats/daily?date=${d2}`)).body).toEqual(ledger.expected(d2));
    // Without a date: today.
    expect((await get('/api/stats/daily')).body).toEqual(ledger.expected(d2));
    const d0 = addDays(d1, -1);
    const range = await get(`/api/stats/range?from=${d0}&to=${d2}`);
    expect(range.body).toEqual({ from: d0, to: d2, days: [ledger.expected(d0), ledger.expected(d1), ledger.expected(d2)] });

    // The CSV holds the same figures, one row a day, and the export is recorded.
    const csv = await fetch(`${app.url}/api/stats/export.csv?from=${d0}&to=${d2}`, { headers: { authorization: `Bearer ${op.token}` } });
    expect(csv.status).toBe(200);
    expect(csv.headers.get('content-type')).toBe('text/csv; charset=utf-8');
    expect(csv.headers.get('content-disposition')).toBe(`attachment; filename="yima-stats-${d0}-${d2}.csv"`);
    const text = await csv.text();
    expect(text.endsWith('\r\n')).toBe(true);
    const [header, ...rows] = parseCsv(text) as string[][];
    expect(rows.map((row) => Object.fromEntries(header.map((h, i) => [h, row[i]])))).toEqual(
      range.body.days.map((day: ReturnType<Ledger['expected']>) => ({
        date: day.date,
        registrations: String(day.registrations),
        active_users: String(day.activeUsers),
        checkins: String(day.checkins),
        checkins_by_relatives: String(day.checkinsByRelatives),
        scans_total: String(Object.values(day.scans).reduce((a, b) => a + b, 0)),
        ...Object.fromEntries(VENUE_TYPES.map((t) => [`scans_${t}`, String(day.scans[t])])),
        ...Object.fromEntries(VENUE_TYPES.map((t) => [`staff_scans_${t}`, String(day.staffScans[t])])),
        ...Object.fromEntries(Object.entries(day.conversions).map(([o, n]) => [`conversions_${o}`, String(n)])),
      })),
    );
    const [audit] = await app.adminDb.query<any[]>(
      "SELECT user_id, DATE_FORMAT(from_day, '%Y-%m-%d') AS f, DATE_FORMAT(to_day, '%Y-%m-%d') AS t, day_count, at FROM stats_exports",
    );
    expect(audit).toEqual([{ user_id: op.userId, f: d0, t: d2, day_count: 3, at: app.clock.now() }]);
  });

  it('when a person shows their code on many devices and is scanned the same day, then they are one active person', async () => {
    const op = await operator();
    const made = await call(
      app.url,
      'POST',
      '/api/venues',
      { type: 'station', name: '北京南站', address: '北京市丰台区永外大街 12 号', district: '110106' },
      { token: op.token },
    );
    const guard = await loginBySms(app.url);
    await grantRole(app, guard.phone, 'venue-staff', made.body.id);
    const r = await registerResident(app.url);
    let qr = '';
    for (let i = 0; i < 5; i++) {
      qr = (await call(app.url, 'GET', '/api/me/code', undefined, { token: r.token })).body.qr;
      await app.settled(); // each time written before the next: no help from the batch
    }
    expect((await call(app.url, 'POST', '/api/scans', { venueId: made.body.id, qr }, { token: guard.token })).status).toBe(201);
    await app.settled();
    const day = (await call(app.url, 'GET', '/api/stats/daily', undefined, { token: op.token })).body;
    expect(day).toMatchObject({ registrations: 1, activeUsers: 1, scans: { station: 1 }, staffScans: { station: 1 } });
  });
});

describe('active people, kept in memory then written in batches', () => {
  const counted = async (day: string) =>
    Number((await app.db.query<any[]>("SELECT COALESCE(SUM(value), 0) AS n FROM stats_daily WHERE day = ? AND metric = 'activeUsers'", [day]))[0][0].n);

  it('when a process stops, then the people it saw are written first; seen again by another process, they are not counted again', async () => {
    const at = new Date('2026-11-22T20:00:00Z'); // 04:00 on the 23rd in China
    const first = createActivity({ db: app.db, logger: pino({ level: 'silent' }), everyMs: 60_000 });
    first.start();
    for (const id of ['101', '102', '103', '101']) first.shown(id, at);
    expect(await counted('2026-11-23')).toBe(0); // not yet: a minute to the next flush
    await first.stop();
    expect(await counted('2026-11-23')).toBe(3);
    const second = createActivity({ db: app.db, logger: pino({ level: 'silent' }) });
    for (const id of ['103', '104']) second.shown(id, at);
    second.shown('104', new Date('2026-11-23T16:00:00Z')); // the next China day
    await second.stop();
    expect([await counted('2026-11-23'), await counted('2026-11-24')]).toEqual([4, 1]);
  });

  it('when the hourly job runs, then people marks older than three days go and the counts stay', async () => {
    const repo = createStatsRepo(app.db);
    const activity = createActivity({ db: app.db, logger: pino({ level: 'silent' }) });
    for (const day of ['2026-11-18', '2026-11-19', '2026-11-20', '2026-11-21', '2026-11-22']) activity.shown('7', new Date(`${day}T04:00:00Z`));
    await activity.stop();
    expect(await deleteOldActivePeople({ repo, clock: app.clock })).toBe(2);
    const [left] = await app.db.query<any[]>("SELECT DATE_FORMAT(day, '%Y-%m-%d') AS day FROM stats_active_people ORDER BY day");
    expect(left.map((r) => r.day)).toEqual(['2026-11-20', '2026-11-21', '2026-11-22']);
    expect(await counted('2026-11-18')).toBe(1);
  });
});

describe('who may read them', () => {
  it('when a resident, venue staff, an authority or nobody asks, then 403 (401 without a session); the operator pages list offers them no statistics', async () => {
    const resident = await registerResident(app.url);
    const staff = await loginBySms(app.url);
    await grantRole(app, staff.phone, 'venue-staff', '1');
    const authority = await loginBySms(app.url);
    await grantRole(app, authority.phone, 'authority', '110105');
    const today = chinaDate(app.clock.now());
    // An authority's one page is its marks (operatorPages.test.ts has every role's list).
    for (const [who, pages] of [
      [resident, []],
      [staff, []],
      [authority, ['conversions', 'marks']],
    ] as const) {
      for (const path of ['/api/stats/daily', `/api/stats/range?from=${today}&to=${today}`, `/api/stats/export.csv?from=${today}&to=${today}`]) {
        expect(await call(app.url, 'GET', path, undefined, { token: who.token })).toMatchObject({ status: 403, body: { error: { code: 'FORBIDDEN' } } });
      }
      // An authority handles conversion requests forwarded to its district (decision 0022).
      expect((await call(app.url, 'GET', '/api/ops/pages', undefined, { token: who.token })).body).toEqual({ pages });
    }
    expect((await call(app.url, 'GET', '/api/stats/daily')).status).toBe(401);
    expect((await call(app.url, 'GET', `/api/stats/export.csv?from=${today}&to=${today}`)).status).toBe(401);
    const [audit] = await app.adminDb.query<any[]>('SELECT COUNT(*) AS n FROM stats_exports');
    expect(Number(audit[0].n)).toBe(0);
  });

  it('when an operator or an admin asks, then the operator pages list offers the statistics', async () => {
    const op = await operator();
    const admin = await loginBySms(app.url);
    await grantRole(app, admin.phone, 'admin');
    for (const [who, pages] of [
      [op, ['stats', 'places', 'riskAreas']],
      // An admin also handles every conversion request.
      [admin, ['stats', 'grid', 'conversions', 'places', 'riskAreas', 'marks', 'grants']],
    ] as const) {
      expect((await call(app.url, 'GET', '/api/ops/pages', undefined, { token: who.token })).body).toEqual({ pages });
      expect((await call(app.url, 'GET', '/api/stats/daily', undefined, { token: who.token })).status).toBe(200);
    }
  });
});

describe('dates', () => {
  it.each([
    ['/api/stats/daily?date=2026-02-30', 'INVALID_DATE'],
    ['/api/stats/daily?date=yesterday', 'INVALID_DATE'],
    ['/api/stats/daily?date=1999-12-31', 'INVALID_DATE'],
    ['/api/stats/daily?date=2026-11-22&date=2026-11-23', 'INVALID_REQUEST'],
    ['/api/stats/daily?day=2026-11-22', 'INVALID_REQUEST'],
    ['/api/stats/range?from=2026-11-22', 'INVALID_REQUEST'],
    ['/api/stats/range?from=2026-11-22&to=2026-13-01', 'INVALID_DATE'],
    ['/api/stats/range?from=2026-11-23&to=2026-11-22', 'INVALID_DATE_RANGE'],
    ['/api/stats/range?from=2026-01-01&to=2026-12-31', 'DATE_RANGE_TOO_LONG'],
    ['/api/stats/range?from=2026-08-22&to=2026-11-22', 'DATE_RANGE_TOO_LONG'],
    ['/api/stats/export.csv?from=2026-01-01&to=2026-12-31', 'DATE_RANGE_TOO_LONG'],
    ['/api/stats/export.csv?from=2026-11-23&to=2026-11-22', 'INVALID_DATE_RANGE'],
    ['/api/stats/export.csv?from=%3D1%2B1&to=2026-11-22', 'INVALID_DATE'],
  ])('when an operator asks %s, then 400 %s and nothing is exported', async (path, code) => {
    const op = await operator();
    expect(await call(app.url, 'GET', path, undefined, { token: op.token })).toMatchObject({ status: 400, body: { error: { code } } });
    const [audit] = await app.adminDb.query<any[]>('SELECT COUNT(*) AS n FROM stats_exports');
    expect(Number(audit[0].n)).toBe(0);
  });

  it('when an operator asks for exactly 92 days, then every day is answered', async () => {
    const op = await operator();
    const res = await call(app.url, 'GET', '/api/stats/range?from=2026-08-24&to=2026-11-23', undefined, { token: op.token });
    expect(res.status).toBe(200);
    expect(res.body.days).toHaveLength(92);
    expect(res.body.days[91].date).toBe('2026-11-23');
  });
});
