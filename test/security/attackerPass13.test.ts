/**
 * Attacker's pass over issue 13 (health-record feeds, records pages, a place's test
 * requirement, Idempotency-Key, health endpoints): each probe asserts what must hold.
 */
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { feedLine, ndjson, nucleicAcidFeedLine, postBatch, vaccinationFeedLine } from '../support/feed';
import { loginBySms, registerResident } from '../support/flows';
import { recordTestResult } from '../support/healthRecords';
import { call } from '../support/http';
import { newIdNumber } from '../support/ids';
import { admin, grantRole } from '../support/roles';
import { startTestApp, type TestApp } from '../support/testApp';

let app: TestApp;
beforeAll(async () => {
  app = await startTestApp({ env: { VISIT_MERGE_MINUTES: '0' } });
});
afterAll(() => app.close());
beforeEach(() => app.reset());

const H = 3600_000;
const ago = (h: number) => new Date(app.clock.now().getTime() - h * H).toISOString();
const NORMAL = { temperature: 'normal', symptoms: [], visitedAreas: [], contact: 'none', address: { district: '110105', detail: '幸福路 1 号' } };
const PLACE = { type: 'station', name: '北京南站进站口', address: '北京市丰台区永外大街车站路 12 号', district: '110106' };

const records = (token: string, path = '/api/me/health-records') => call(app.url, 'GET', path, undefined, { token });
const expectErrorBody = (body: any) => {
  expect(body).toMatchObject({ error: { code: expect.any(String), message: expect.any(String) } });
  expect(JSON.stringify(body)).not.toMatch(/\bat .*\.(ts|js):\d+/);
};

describe('health-record feeds', () => {
  it('when a batch is signed with another kind’s key, the provincial key, no signature, or over another body, then 4xx with an error body and nothing is stored', async () => {
    const me = await registerResident(app.url);
    const body = ndjson([JSON.stringify(nucleicAcidFeedLine(app, { idNumber: me.idNumber }))]);
    const tries = [
      await postBatch(app, body, { kind: 'nucleic-acid', key: app.config.healthFeeds.vaccination.get('vaccines'), feed: 'vaccines' }),
      await postBatch(app, body, { kind: 'nucleic-acid', key: app.config.provincial.feeds.get('province'), feed: 'province' }),
      await postBatch(app, body, { kind: 'nucleic-acid', key: app.config.provincial.feeds.get('province'), feed: 'lab' }),
      await postBatch(app, body, { kind: 'nucleic-acid', headers: { 'x-signature': '' } }),
      await postBatch(app, body, { kind: 'nucleic-acid', signedBody: body.replace('negative', 'positive') }),
      await postBatch(app, body, { kind: 'vaccination', feed: 'lab', key: app.config.healthFeeds.nucleicAcid.get('lab') }),
    ];
    for (const r of tries) {
      expect(r.status).toBeGreaterThanOrEqual(400);
      expect(r.status).toBeLessThan(500);
      expectErrorBody(r.body);
    }
    expect((await records(me.token)).body.nucleicAcid.results).toEqual([]);
  });

  it('when a signed batch is replayed, then 401 SIGNATURE_REPLAYED', async () => {
    const me = await registerResident(app.url);
    const body = ndjson([JSON.stringify(nucleicAcidFeedLine(app, { idNumber: me.idNumber }))]);
    const first = await postBatch(app, body, { kind: 'nucleic-acid', at: app.clock.now() });
    expect(first.status).toBe(202);
    const again = await postBatch(app, body, { kind: 'nucleic-acid', at: app.clock.now() });
    // Signatures carry the time; signed at the same instant the same body signs the same.
    expect(again.status).toBe(401);
    expect(again.body.error.code).toBe('SIGNATURE_REPLAYED');
  });

  it('when lines are malformed, hostile or out of range, then each is refused by line with a code and none is stored; the good line applies', async () => {
    const me = await registerResident(app.url);
    const id = me.idNumber;
    const bad = (over: Record<string, unknown>) =>
      JSON.stringify(nucleicAcidFeedLine(app, { idNumber: id, sampleId: `B${Math.random().toString(36).slice(2, 8)}`, ...over }));
    const lines = [
      JSON.stringify(nucleicAcidFeedLine(app, { idNumber: id, sampleId: 'GOOD' })),
      '{"idNumber":',
      '[]',
      'null',
      '"x"',
      '{"__proto__":{"polluted":1},' + bad({}).slice(1),
      '{"constructor":{"prototype":{"polluted":1}},' + bad({}).slice(1),
      bad({ sampledAt: new Date(app.clock.now().getTime() + H).toISOString(), reportedAt: new Date(app.clock.now().getTime() + 2 * H).toISOString() }),
      bad({ reportedAt: new Date(app.clock.now().getTime() + H).toISOString() }),
      bad({ reportedAt: ago(40) }),
      bad({ version: 0 }),
      bad({ version: -1 }),
      bad({ version: 2 ** 60 }),
      bad({ version: 1.5 }),
      bad({ version: '2' }),
      bad({ result: 'inconclusive' }),
      bad({ result: 'NEGATIVE' }),
      bad({ idNumber: id.slice(0, 17) + (id[17] === '0' ? '1' : '0') }),
      bad({ institution: '院'.repeat(101) }),
      bad({ lab: 'x'.repeat(5000) }),
      bad({ lab: 'lab\u0000' }),
      bad({ institution: 'a\u202Eb' }),
      bad({ sampleId: '=HYPERLINK("x")' }),
      bad({ sampleId: '' }),
      bad({ region: '' }),
      'x'.repeat(70_000),
    ];
    const res = await postBatch(app, ndjson(lines), { kind: 'nucleic-acid' });
    expect(res.status).toBe(202);
    expect(res.body).toMatchObject({ lines: lines.length, accepted: 1, rejectedCount: lines.length - 1 });
    for (const r of res.body.rejected) expect(r).toMatchObject({ line: expect.any(Number), code: expect.any(String), message: expect.any(String) });
    expect(({} as any).polluted).toBeUndefined();
    const mine = (await records(me.token)).body.nucleicAcid.results;
    expect(mine).toHaveLength(1);
    expect(mine[0]).toMatchObject({ result: 'negative' });
  });

  it('when a line has a time or date before the feeds’ first records (year 0 with an offset, year 1), then that line alone is refused: no 500, the batch’s good line applies', async () => {
    // Found: "0000-01-01T00:00:00+08:00" passed the contract and became year -1 in UTC, whose
    // SQL literal MariaDB refused: the whole batch answered 500, its good lines unwritten.
    const me = await registerResident(app.url);
    const at = (over: Record<string, unknown>) => JSON.stringify(nucleicAcidFeedLine(app, { idNumber: me.idNumber, ...over }));
    const results = [
      at({ sampleId: 'GOOD' }),
      at({ sampleId: 'Y0', sampledAt: '0000-01-01T00:00:00+08:00', reportedAt: '0000-01-01T01:00:00+08:00' }),
      at({ sampleId: 'Y1', sampledAt: '0001-01-01T00:00:00Z', reportedAt: '0001-01-01T01:00:00Z' }),
      at({ sampleId: 'R0', reportedAt: '0000-01-01T00:00:00+08:00' }),
    ];
    const res = await postBatch(app, ndjson(results), { kind: 'nucleic-acid' });
    expect(res.status).toBe(202);
    expect(res.body).toMatchObject({ accepted: 1, rejectedCount: 3 });
    expect(res.body.rejected.map((r: { code: string }) => r.code)).toEqual(['INVALID_LINE', 'INVALID_LINE', 'INVALID_LINE']);
    const doses = [0, 1].map((n) => JSON.stringify(vaccinationFeedLine({ idNumber: me.idNumber, dose: n + 1, date: `000${n}-01-01` })));
    const vaccinations = await postBatch(app, ndjson(doses), { kind: 'vaccination' });
    expect(vaccinations.body).toMatchObject({ accepted: 0, rejectedCount: 2 });
    const mine = (await records(me.token)).body;
    expect(mine.nucleicAcid.results).toHaveLength(1);
    expect(mine.vaccination.doses).toEqual([]);
  });

  it('when a provincial line’s effectiveAt is year 0 with an offset, then that line alone is refused: no 500', async () => {
    // Found with the above: the provincial feed's effectiveAt had the same hole (its fast path too).
    const me = await registerResident(app.url);
    const other = await registerResident(app.url);
    const res = await postBatch(
      app,
      ndjson([
        feedLine(app, { idNumber: me.idNumber, color: 'yellow', version: 1, effectiveAt: '0000-01-01T00:00:00+08:00' }),
        feedLine(app, { idNumber: other.idNumber, color: 'yellow', version: 1 }),
      ]),
    );
    expect(res.status).toBe(202);
    expect(res.body).toMatchObject({ accepted: 1, rejectedCount: 1, rejected: [{ line: 1, code: 'INVALID_LINE' }] });
  });

  it('when a lab sends two samples whose ids differ only in case, then both are kept: a positive is not taken for a duplicate', async () => {
    // Found: sample_id compared case-insensitively (the table's collation) while the contract
    // and a chunk's dedupe tell "abc" from "ABC": the second sample was counted a duplicate
    // and dropped, even a positive one.
    const me = await registerResident(app.url);
    const sample = (sampleId: string, result: string, hours: number) =>
      JSON.stringify(nucleicAcidFeedLine(app, { idNumber: me.idNumber, sampleId, result, sampledAt: ago(hours), reportedAt: ago(hours - 1) }));
    const first = await postBatch(app, ndjson([sample('gz-a1', 'negative', 30), sample('GZ-A1', 'positive', 5)]), { kind: 'nucleic-acid' });
    expect(first.body).toMatchObject({ accepted: 2, duplicates: 0 });
    app.clock.advance(1000);
    const later = await postBatch(app, ndjson([sample('Gz-A1', 'negative', 4)]), { kind: 'nucleic-acid' });
    expect(later.body).toMatchObject({ accepted: 1, duplicates: 0 });
    const results = (await records(me.token)).body.nucleicAcid.results as { result: string }[];
    expect(results.map((r) => r.result).sort()).toEqual(['negative', 'negative', 'positive']);
  });

  it('when vaccination lines have dose 0, 11, 1.5 or "2", a future date or hostile text, then each is refused by line', async () => {
    const me = await registerResident(app.url);
    const d = (over: Record<string, unknown>) => JSON.stringify(vaccinationFeedLine({ idNumber: me.idNumber, ...over }));
    const lines = [
      d({ dose: 0 }),
      d({ dose: 11 }),
      d({ dose: 1.5 }),
      d({ dose: '2' }),
      d({ date: '2099-01-01' }),
      d({ date: '2021-02-30' }),
      d({ product: 'p'.repeat(101) }),
      d({ site: '\u0007' }),
      d({ extra: 1 }),
    ];
    const res = await postBatch(app, ndjson(lines), { kind: 'vaccination' });
    expect(res.status).toBe(202);
    expect(res.body).toMatchObject({ accepted: 0, rejectedCount: lines.length });
    expect((await records(me.token)).body.vaccination.doses).toEqual([]);
  });

  it('when an older version of a record comes after a newer one, in another batch or in the same, then the newer stays', async () => {
    const me = await registerResident(app.url);
    const line = (version: number, result: string) => JSON.stringify(nucleicAcidFeedLine(app, { idNumber: me.idNumber, sampleId: 'V', version, result }));
    expect((await postBatch(app, ndjson([line(5, 'positive')]), { kind: 'nucleic-acid' })).body.accepted).toBe(1);
    app.clock.advance(1000);
    const older = await postBatch(app, ndjson([line(4, 'negative'), line(5, 'negative')]), { kind: 'nucleic-acid' });
    expect(older.body).toMatchObject({ accepted: 0, duplicates: 2 });
    app.clock.advance(1000);
    // In one batch, the newer wins whatever the order.
    expect((await postBatch(app, ndjson([line(7, 'negative'), line(6, 'positive')]), { kind: 'nucleic-acid' })).status).toBe(202);
    expect((await records(me.token)).body.nucleicAcid.results).toMatchObject([{ result: 'negative' }]);
  });
});

describe('records routes', () => {
  it('when a filer asks for another resident’s relative, a removed filing, or ids that are not ids, then 404 alike; no token 401', async () => {
    const owner = await registerResident(app.url);
    const other = await registerResident(app.url);
    const added = await call(
      app.url,
      'POST',
      '/api/dependents',
      { name: '张老汉', idNumber: newIdNumber(), relation: 'parent', consent: true },
      { token: owner.token },
    );
    expect(added.status).toBe(201);
    const id = added.body.id as string;
    expect((await records(owner.token, `/api/dependents/${id}/health-records`)).status).toBe(200);

    const theirs = await records(other.token, `/api/dependents/${id}/health-records`);
    const none = await records(other.token, `/api/dependents/99999999/health-records`);
    expect(theirs.status).toBe(404);
    expect(theirs.body).toEqual(none.body);
    for (const weird of ['-1', '0', '1e3', '0x10', '1%3BDROP%20TABLE%20users', '9'.repeat(40), 'abc', '%00', `${id}.0`, ` ${id}`]) {
      const r = await records(owner.token, `/api/dependents/${weird}/health-records`);
      expect([weird, r.status]).toEqual([weird, 404]);
      expect(r.body).toEqual(none.body);
    }
    expect((await call(app.url, 'GET', `/api/dependents/${id}/health-records`)).status).toBe(401);
    expect((await call(app.url, 'GET', '/api/me/health-records')).status).toBe(401);
    expect((await call(app.url, 'GET', '/api/me/health-records', undefined, { token: 'x.y.z' })).status).toBe(401);

    expect((await call(app.url, 'DELETE', `/api/dependents/${id}`, undefined, { token: owner.token })).status).toBeLessThan(300);
    const removed = await records(owner.token, `/api/dependents/${id}/health-records`);
    expect(removed.status).toBe(404);
    expect(removed.body).toEqual(none.body);
  });

  it('when a resident reads their records, then no ID number, name or phone is in the answer', async () => {
    const me = await registerResident(app.url, { name: '王小明' });
    await postBatch(app, ndjson([JSON.stringify(nucleicAcidFeedLine(app, { idNumber: me.idNumber }))]), { kind: 'nucleic-acid' });
    const r = await records(me.token);
    expect(r.status).toBe(200);
    const text = JSON.stringify(r.body);
    expect(text).not.toContain(me.idNumber);
    expect(text).not.toContain(me.idNumber.slice(6, 14));
    expect(text).not.toContain('王小明');
    expect(r.headers.get('cache-control')).toBe('no-store');
  });
});

async function operator() {
  const op = await loginBySms(app.url);
  await grantRole(app, op.phone, 'operator');
  return op;
}

describe('a place’s test requirement', () => {
  it('when requiredTestHours is a string, fractional, negative, 0, huge, or set by a resident, then 4xx and no place', async () => {
    const op = await operator();
    const resident = await registerResident(app.url);
    for (const hours of ['48', 48.5, -1, 0, 100000, true, {}]) {
      const r = await call(app.url, 'POST', '/api/venues', { ...PLACE, requiredTestHours: hours }, { token: op.token });
      expect([hours, r.status]).toEqual([hours, 400]);
      expectErrorBody(r.body);
    }
    expect((await call(app.url, 'POST', '/api/venues', { ...PLACE, requiredTestHours: 48 }, { token: resident.token })).status).toBe(403);
    const made = await call(app.url, 'POST', '/api/venues', { ...PLACE, requiredTestHours: null }, { token: op.token });
    expect(made.status).toBe(201);
    const view = (await call(app.url, 'GET', '/api/venues', undefined, { token: op.token })).body.venues.find((v: { id: string }) => v.id === made.body.id);
    expect(view.requiredTestHours).toBeNull();
    for (const hours of ['48', 48.5, -1, 0, 100000]) {
      expect((await call(app.url, 'PATCH', `/api/venues/${made.body.id}`, { requiredTestHours: hours }, { token: op.token })).status).toBe(400);
    }
    expect((await call(app.url, 'PATCH', `/api/venues/${made.body.id}`, { requiredTestHours: 24 }, { token: resident.token })).status).toBe(403);
  });

  it('when a resident has a stale, positive, someone else’s, future-dated or only a vaccination record, then the scan denies them', async () => {
    const op = await operator();
    const made = await call(app.url, 'POST', '/api/venues', { ...PLACE, requiredTestHours: 48 }, { token: op.token });
    const guard = await loginBySms(app.url);
    await grantRole(app, guard.phone, 'venue-staff', made.body.id);
    const resident = async () => {
      const r = await registerResident(app.url);
      expect((await call(app.url, 'POST', '/api/me/checkins', NORMAL, { token: r.token })).status).toBe(201);
      const qr = (await call(app.url, 'GET', '/api/me/code', undefined, { token: r.token })).body.qr as string;
      return { ...r, qr };
    };
    const scan = async (qr: string) => (await call(app.url, 'POST', '/api/scans', { venueId: made.body.id, qr }, { token: guard.token })).body;

    const stale = await resident();
    await recordTestResult(app, { idNumber: stale.idNumber, sampledAt: new Date(app.clock.now().getTime() - 49 * H) });
    const positive = await resident();
    await recordTestResult(app, { idNumber: positive.idNumber, sampledAt: new Date(app.clock.now().getTime() - 50 * H) });
    await recordTestResult(app, { idNumber: positive.idNumber, sampledAt: new Date(app.clock.now().getTime() - 2 * H), result: 'positive' });
    const someoneElse = await resident();
    await recordTestResult(app, { idNumber: newIdNumber(), sampledAt: new Date(app.clock.now().getTime() - 2 * H) });
    const vaccinated = await resident();
    await postBatch(app, ndjson([JSON.stringify(vaccinationFeedLine({ idNumber: vaccinated.idNumber }))]), { kind: 'vaccination' });
    // A positive sampled later than a negative: the feed refuses a far-future sample, but a
    // negative "from the future" stored anyway must not outrank a real positive either.
    const future = await resident();
    await recordTestResult(app, { idNumber: future.idNumber, sampledAt: new Date(app.clock.now().getTime() - 1 * H), result: 'positive' });

    for (const [who, verdict] of [
      [stale, 'TOO_OLD'],
      [positive, 'POSITIVE'],
      [someoneElse, 'NO_RESULT'],
      [vaccinated, 'NO_RESULT'],
      [future, 'POSITIVE'],
    ] as const) {
      const body = await scan(who.qr);
      expect(body.verdict).toMatchObject({ code: 'DENY_TEST_REQUIREMENT' });
      expect(body.testRequirement).toMatchObject({ hours: 48, verdict });
    }
    const fresh = await resident();
    await recordTestResult(app, { idNumber: fresh.idNumber, sampledAt: new Date(app.clock.now().getTime() - 47 * H) });
    const met = await scan(fresh.qr);
    expect(met.testRequirement).toMatchObject({ verdict: 'MET' });
    expect(met.verdict.code).not.toBe('DENY_TEST_REQUIREMENT');
  });
});

describe('Idempotency-Key on visits', () => {
  async function place() {
    const op = await operator();
    const made = await call(app.url, 'POST', '/api/venues', { ...PLACE, type: 'community', district: '110105' }, { token: op.token });
    expect(made.status).toBe(201);
    return made.body.id as string;
  }
  const visit = (token: string, venueId: string, key: string, body: object = {}) =>
    call(app.url, 'POST', `/api/venues/${venueId}/visits`, body, { token, headers: { 'idempotency-key': key } });

  it('when another user sends a key someone already used, then they get their own answer, not the other’s, and are not blocked', async () => {
    const venueId = await place();
    const a = await registerResident(app.url, { name: '甲某某' });
    const b = await registerResident(app.url, { name: '乙某某' });
    const key = randomUUID();
    const first = await visit(a.token, venueId, key);
    expect(first.status).toBe(201);
    const theirs = await visit(b.token, venueId, key);
    expect(theirs.status).toBe(201);
    expect(theirs.headers.get('idempotent-replayed')).toBeNull();
    expect(theirs.body).not.toEqual(first.body);
    // Upper-case of the same UUID is the same key for the same user.
    const again = await visit(a.token, venueId, key.toUpperCase());
    expect([again.status, again.headers.get('idempotent-replayed')]).toEqual([201, 'true']);
  });

  it('when the key is long, has a newline-like or unicode content, or is reused with another body, then 400 / 409 with an error body', async () => {
    const venueId = await place();
    const a = await registerResident(app.url);
    for (const key of ['k'.repeat(5000), `${randomUUID()}x`, 'éééééééé-1234-1234-1234-123456789012', `${randomUUID()} ${randomUUID()}`]) {
      const r = await visit(a.token, venueId, key);
      expect([key.slice(0, 40), r.status]).toEqual([key.slice(0, 40), 400]);
      expect(r.body.error.code).toBe('INVALID_REQUEST');
    }
    const key = randomUUID();
    expect((await visit(a.token, venueId, key)).status).toBe(201);
    const other = await visit(a.token, venueId, key, { note: 1 });
    expect([400, 409]).toContain(other.status);
    expectErrorBody(other.body);
  });

  it('when the same key is sent concurrently, then one visit, and the others are replays or REQUEST_IN_PROGRESS', async () => {
    const venueId = await place();
    const a = await registerResident(app.url);
    const key = randomUUID();
    const replies = await Promise.all(Array.from({ length: 6 }, () => visit(a.token, venueId, key)));
    const firsts = replies.filter((r) => r.status === 201 && r.headers.get('idempotent-replayed') === null);
    expect(firsts).toHaveLength(1);
    for (const r of replies.filter((x) => x.status !== 201)) expect([r.status, r.body.error.code]).toEqual([409, 'REQUEST_IN_PROGRESS']);
    await app.settled();
    const [[n]] = await app.db.query<any[]>('SELECT COUNT(*) AS n FROM visits WHERE venue_id = ?', [venueId]);
    expect(Number(n.n)).toBe(1);
  });
});

describe('Idempotency-Key and place roles', () => {
  it('when a place’s guard or another place’s guard sets its test requirement, then 403 and it is unchanged', async () => {
    const op = await operator();
    const made = await call(app.url, 'POST', '/api/venues', { ...PLACE, requiredTestHours: 48 }, { token: op.token });
    const guard = await loginBySms(app.url);
    await grantRole(app, guard.phone, 'venue-staff', made.body.id);
    const otherGuard = await loginBySms(app.url);
    const elsewhere = await call(app.url, 'POST', '/api/venues', { ...PLACE, name: '别处' }, { token: op.token });
    await grantRole(app, otherGuard.phone, 'venue-staff', elsewhere.body.id);
    for (const who of [guard, otherGuard]) {
      const r = await call(app.url, 'PATCH', `/api/venues/${made.body.id}`, { requiredTestHours: null }, { token: who.token });
      expect(r.status).toBe(403);
    }
    const view = (await call(app.url, 'GET', '/api/venues', undefined, { token: op.token })).body.venues.find((v: { id: string }) => v.id === made.body.id);
    expect(view.requiredTestHours).toBe(48);
  });

  it('when a guard whose role was revoked replays a scan’s Idempotency-Key, then 403 and no stored answer, and no visit is recorded', async () => {
    // Found by this pass: the key was checked before the scan's role check, so a revoked guard
    // got their stored answer back for 24 h. The role is now checked first, and the revocation
    // reaches the grant cache at once (the invalidation bus, decision 0029).
    const op = await operator();
    const made = await call(app.url, 'POST', '/api/venues', { ...PLACE }, { token: op.token });
    const guard = await loginBySms(app.url);
    await grantRole(app, guard.phone, 'venue-staff', made.body.id);
    const r = await registerResident(app.url);
    expect((await call(app.url, 'POST', '/api/me/checkins', NORMAL, { token: r.token })).status).toBe(201);
    const qr = (await call(app.url, 'GET', '/api/me/code', undefined, { token: r.token })).body.qr as string;
    const key = randomUUID();
    const scanWith = () => call(app.url, 'POST', '/api/scans', { venueId: made.body.id, qr }, { token: guard.token, headers: { 'idempotency-key': key } });
    const first = await scanWith();
    expect(first.status).toBe(201);
    const revoked = await admin(app, ['revoke', '--phone', guard.phone, '--role', 'venue-staff', '--scope', made.body.id]);
    expect(revoked.code).toBe(0);
    // The revocation reaches the app's grant cache through pub/sub: a new scan is refused
    // once it has (within a second; on a cluster the message is relayed between nodes). Asked
    // with a code that is no code, so that a scan let through meanwhile records nothing.
    await expect
      .poll(async () => (await call(app.url, 'POST', '/api/scans', { venueId: made.body.id, qr: 'not-a-code' }, { token: guard.token })).status, {
        timeout: 2000,
        interval: 20,
      })
      .toBe(403);
    const again = await scanWith();
    expect([again.status, again.body.error?.code]).toEqual([403, 'FORBIDDEN']);
    expect(again.headers.get('idempotent-replayed')).toBeNull();
    await app.settled();
    const [[n]] = await app.db.query<any[]>('SELECT COUNT(*) AS n FROM visits WHERE venue_id = ?', [made.body.id]);
    expect(Number(n.n)).toBe(1);
  });
});

describe('health endpoints', () => {
  it('when an anonymous caller asks /healthz and /readyz, then the answer names no host, version, key or stack', async () => {
    for (const path of ['/healthz', '/readyz']) {
      const r = await call(app.url, 'GET', path);
      expect(r.status).toBe(200);
      const text = JSON.stringify(r.body);
      expect(text).not.toMatch(/127\.0\.0\.1|localhost|mysql:\/\/|redis:\/\/|\d+\.\d+\.\d+|stack|yima:/i);
      expect(r.headers.get('x-powered-by')).toBeNull();
      expect(r.headers.get('server') ?? '').not.toMatch(/\d/);
    }
  });
});
