/**
 * The health-record feeds, write side (decision 0026, docs/health-feeds.md): over real HTTP to
 * the app, on MariaDB and Redis. Authentication as the provincial feed's, but with each kind's
 * own keys; lines checked and reported by number; records stored by blind index whether the
 * person is registered or not, guarded by version; a registered person's cached code state
 * dropped when a batch names them.
 */
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createPii } from '@yima/bff/src/crypto/pii';
import { redisKeys } from '@yima/bff/src/redisKeys';
import {
  FEED_PATHS,
  feedRequestHeaders,
  ndjson,
  nucleicAcidFeedLine,
  postBatch,
  vaccinationFeedLine,
  type FeedKind,
  type NucleicAcidFeedLine,
} from '../support/feed';
import { registerResident } from '../support/flows';
import { call } from '../support/http';
import { newIdNumber } from '../support/ids';
import { rawUpload } from '../support/rawUpload';
import { startTestApp, type TestApp } from '../support/testApp';

let app: TestApp;
beforeAll(async () => {
  app = await startTestApp();
});
afterAll(() => app.close());
beforeEach(() => app.reset());

const H = 3600_000;
const ago = (ms: number) => new Date(app.clock.now().getTime() - ms).toISOString();
const hashHex = (idNumber: string) => createPii(app.config.piiKey, app.config.blindIndexKey).blindIndexHex('id_number', idNumber);

const result = (over: Partial<NucleicAcidFeedLine> & { idNumber: string }) => nucleicAcidFeedLine(app, over);
const dose = vaccinationFeedLine;
const post = (kind: FeedKind, lines: (object | string)[], opts: Parameters<typeof postBatch>[2] = {}) =>
  postBatch(app, ndjson(lines.map((l) => (typeof l === 'string' ? l : JSON.stringify(l)))), { kind, ...opts });

/** Rows held for a person, versions as numbers (BIGINT comes back as text). */
const held = async (sql: string, idNumber: string) =>
  (await app.db.query<any[]>(sql, [hashHex(idNumber)]))[0].map((r: any) => ({ ...r, version: Number(r.version) }));
const results = (idNumber: string) =>
  held('SELECT feed, sample_id, result, version, region FROM nucleic_acid_results WHERE id_hash = UNHEX(?) ORDER BY sample_id', idNumber);
const doses = (idNumber: string) => held('SELECT dose, given_on, product, version, feed FROM vaccinations WHERE id_hash = UNHEX(?) ORDER BY dose', idNumber);
const allRows = async () => [
  ...(await app.db.query<any[]>('SELECT sample_id FROM nucleic_acid_results'))[0],
  ...(await app.db.query<any[]>('SELECT dose FROM vaccinations'))[0],
];

describe('health-record feeds: authentication, before the body is read', () => {
  const LARGE = 8 * 1024 * 1024;

  it.each([
    [
      'unsigned',
      (body: Buffer) => ({ 'content-type': 'application/x-ndjson', 'content-length': String(body.length), 'x-feed-id': 'lab' }),
      'MISSING_SIGNATURE',
    ],
    ['signed with a wrong key', (body: Buffer) => feedRequestHeaders(app, body, { kind: 'nucleic-acid', key: Buffer.alloc(32, 7) }), 'BAD_SIGNATURE'],
    [
      "signed with the provincial feed's key (its id is also a lab's here)",
      (body: Buffer) => feedRequestHeaders(app, body, { kind: 'nucleic-acid', feed: 'province', key: app.config.provincial.feeds.get('province') }),
      'BAD_SIGNATURE',
    ],
    [
      'signed as the vaccination feed, with its key',
      (body: Buffer) => feedRequestHeaders(app, body, { kind: 'nucleic-acid', feed: 'vaccines', key: app.config.healthFeeds.vaccination.get('vaccines') }),
      'UNKNOWN_FEED',
    ],
  ])('when an 8 MiB nucleic-acid upload is %s, then 401 %s and no byte of the body is sent (Expect: 100-continue)', async (_name, headers, code) => {
    const body = Buffer.alloc(LARGE);
    const a = await rawUpload(app.url, { path: FEED_PATHS['nucleic-acid'], headers: { ...headers(body), expect: '100-continue' }, body: LARGE }).answer;
    expect(a).toMatchObject({ status: 401, body: { error: { code } }, sentBeforeAnswer: 0 });
    expect(await allRows()).toEqual([]);
  });

  it("when a lab's key is used on the provincial or the vaccination route, then 401 UNKNOWN_FEED / BAD_SIGNATURE and nothing applies", async () => {
    const idNumber = newIdNumber();
    const labKey = app.config.healthFeeds.nucleicAcid.get('lab');
    expect(await post('vaccination', [dose({ idNumber })], { feed: 'lab', key: labKey })).toMatchObject({
      status: 401,
      body: { error: { code: 'UNKNOWN_FEED' } },
    });
    const provincialLine = { idNumber, color: 'red', reasonCode: 'X', reasonText: '省平台赋码', setBy: '省平台', effectiveAt: ago(H), version: 1 };
    // `province` is a provincial feed too, with another key: the lab's key does not sign for it.
    const labAsProvince = app.config.healthFeeds.nucleicAcid.get('province');
    expect(await post('provincial', [provincialLine], { feed: 'province', key: labAsProvince })).toMatchObject({
      status: 401,
      body: { error: { code: 'BAD_SIGNATURE' } },
    });
    expect(await allRows()).toEqual([]);
    expect((await app.db.query<any[]>('SELECT 1 FROM provincial_states'))[0]).toEqual([]);
  });

  it('when a signature is sent twice, then the second is refused 401 SIGNATURE_REPLAYED', async () => {
    const body = ndjson([JSON.stringify(result({ idNumber: newIdNumber() }))]);
    const headers = feedRequestHeaders(app, body, { kind: 'nucleic-acid' });
    delete headers['content-length'];
    const send = () => call(app.url, 'POST', FEED_PATHS['nucleic-acid'], undefined, { rawBody: body, headers });
    expect(await send()).toMatchObject({ status: 202, body: { accepted: 1 } });
    expect(await send()).toMatchObject({ status: 401, body: { error: { code: 'SIGNATURE_REPLAYED' } } });
  });

  it('when the provincial feed `province` is uploading, then a lab also called `province` is not held up by its lock (locks are per kind), and another upload of that lab is', async () => {
    // The provincial upload's lock, as the guard holds it while a batch streams in.
    await app.redis.set(redisKeys.feedUpload('province'), 'held-by-test:100', 'PX', 30_000);
    const provincial = { idNumber: newIdNumber(), color: 'green', reasonCode: 'OK', reasonText: '正常', setBy: '省平台', effectiveAt: ago(H), version: 1 };
    expect(await post('provincial', [provincial])).toMatchObject({ status: 409, body: { error: { code: 'FEED_UPLOAD_IN_PROGRESS' } } });
    expect(await post('nucleic-acid', [result({ idNumber: newIdNumber() })], { feed: 'province' })).toMatchObject({ status: 202, body: { accepted: 1 } });
    await app.redis.set(redisKeys.feedUpload('nucleic-acid:province'), 'held-by-test:100', 'PX', 30_000);
    expect(await post('nucleic-acid', [result({ idNumber: newIdNumber() })], { feed: 'province' })).toMatchObject({
      status: 409,
      body: { error: { code: 'FEED_UPLOAD_IN_PROGRESS' } },
    });
  });
});

describe('health-record feeds: lines', () => {
  it('when some nucleic-acid lines are bad, then each is reported by number and code, and the good ones apply', async () => {
    const good = newIdNumber();
    const lines = [
      result({ idNumber: good, sampleId: 'A' }),
      '{not json',
      result({ idNumber: '440305198805151230' }), // wrong check character
      result({ idNumber: newIdNumber(), result: 'maybe' }),
      result({
        idNumber: newIdNumber(),
        sampledAt: new Date(app.clock.now().getTime() + H).toISOString(),
        reportedAt: new Date(app.clock.now().getTime() + 2 * H).toISOString(),
      }),
      result({ idNumber: newIdNumber(), reportedAt: new Date(app.clock.now().getTime() + H).toISOString() }),
      result({ idNumber: newIdNumber(), sampledAt: ago(2 * H), reportedAt: ago(3 * H) }),
      { ...result({ idNumber: newIdNumber() }), extra: 1 },
      result({
        idNumber: good,
        sampleId: 'B',
        sampledAt: new Date(app.clock.now().getTime() + 4 * 60_000).toISOString(),
        reportedAt: new Date(app.clock.now().getTime() + 4 * 60_000).toISOString(),
      }),
    ];
    const res = await post('nucleic-acid', lines);
    expect(res.status).toBe(202);
    expect(res.body).toMatchObject({ lines: 9, accepted: 2, duplicates: 0, rejectedCount: 7 });
    expect(res.body.rejected.map((r: { line: number; code: string }) => [r.line, r.code])).toEqual([
      [2, 'INVALID_JSON'],
      [3, 'INVALID_ID_NUMBER'],
      [4, 'INVALID_RESULT'],
      [5, 'FUTURE_SAMPLED_AT'],
      [6, 'FUTURE_REPORTED_AT'],
      [7, 'REPORTED_BEFORE_SAMPLED'],
      [8, 'INVALID_LINE'],
    ]);
    // Within the 5-minute tolerance: kept.
    expect((await results(good)).map((r: any) => r.sample_id)).toEqual(['A', 'B']);
  });

  it('when some vaccination lines are bad (a dose tomorrow in China, dose 0), then they are reported and the good ones apply', async () => {
    const idNumber = newIdNumber();
    const tomorrow = new Date(app.clock.now().getTime() + 8 * H + 24 * H).toISOString().slice(0, 10);
    const res = await post('vaccination', [dose({ idNumber, date: tomorrow }), dose({ idNumber, dose: 0 }), dose({ idNumber, dose: 2, date: '2021-05-29' })]);
    expect(res.body).toMatchObject({ lines: 3, accepted: 1, rejectedCount: 2 });
    expect(res.body.rejected.map((r: { line: number; code: string }) => [r.line, r.code])).toEqual([
      [1, 'FUTURE_VACCINATION_DATE'],
      [2, 'INVALID_LINE'],
    ]);
    expect(await doses(idNumber)).toMatchObject([{ dose: 2, product: '北京生物新冠灭活疫苗', version: 1, feed: 'vaccines' }]);
  });
});

describe('health-record feeds: records', () => {
  it('when a line is not newer than the record held, then nothing changes; a newer version corrects it', async () => {
    const idNumber = newIdNumber();
    expect((await post('nucleic-acid', [result({ idNumber, version: 5 })])).body).toMatchObject({ accepted: 1, duplicates: 0 });
    expect((await post('nucleic-acid', [result({ idNumber, version: 4, result: 'positive' })])).body).toMatchObject({ accepted: 0, duplicates: 1 });
    expect((await post('nucleic-acid', [result({ idNumber, version: 5, result: 'positive' })])).body).toMatchObject({ accepted: 0, duplicates: 1 });
    expect(await results(idNumber)).toMatchObject([{ result: 'negative', version: 5 }]);
    expect((await post('nucleic-acid', [result({ idNumber, version: 6, result: 'positive' })])).body).toMatchObject({ accepted: 1, duplicates: 0 });
    expect(await results(idNumber)).toMatchObject([{ result: 'positive', version: 6 }]);

    // Doses: one record per dose number, whichever feed; same rule.
    expect((await post('vaccination', [dose({ idNumber, version: 3 })])).body).toMatchObject({ accepted: 1 });
    expect((await post('vaccination', [dose({ idNumber, version: 2, product: '科兴新冠灭活疫苗' })])).body).toMatchObject({ accepted: 0, duplicates: 1 });
    expect((await post('vaccination', [dose({ idNumber, version: 4, product: '科兴新冠灭活疫苗' })])).body).toMatchObject({ accepted: 1 });
    expect(await doses(idNumber)).toMatchObject([{ dose: 1, product: '科兴新冠灭活疫苗', version: 4 }]);
  });

  it('when the same sample comes from two labs, then each keeps its own record (a sample id is unique within its feed)', async () => {
    const idNumber = newIdNumber();
    await post('nucleic-acid', [result({ idNumber, region: '广州市' })], { feed: 'lab' });
    await post('nucleic-acid', [result({ idNumber, region: '上海市' })], { feed: 'province' });
    expect((await results(idNumber)).map((r: any) => [r.feed, r.region]).sort()).toEqual([
      ['lab', '广州市'],
      ['province', '上海市'],
    ]);
  });

  it('when a batch is replayed (signed afresh), then accepted 0, duplicates N', async () => {
    const lines = Array.from({ length: 5 }, (_, i) => result({ idNumber: newIdNumber(), sampleId: `R${i}` }));
    expect((await post('nucleic-acid', lines)).body).toMatchObject({ lines: 5, accepted: 5, duplicates: 0, rejectedCount: 0 });
    // A second after: the same body, signed afresh (the same signature would be refused).
    app.clock.advance(1000);
    expect((await post('nucleic-acid', lines)).body).toMatchObject({ lines: 5, accepted: 0, duplicates: 5, rejectedCount: 0 });
    const vacc = [dose({ idNumber: newIdNumber() }), dose({ idNumber: newIdNumber(), dose: 2 })];
    expect((await post('vaccination', vacc)).body).toMatchObject({ accepted: 2, duplicates: 0 });
    app.clock.advance(1000);
    expect((await post('vaccination', vacc)).body).toMatchObject({ accepted: 0, duplicates: 2 });
  });

  it('when a record names someone not registered here, then it is stored by the blind index of their ID number', async () => {
    const idNumber = newIdNumber();
    await post('nucleic-acid', [result({ idNumber })]);
    await post('vaccination', [dose({ idNumber })]);
    expect(await results(idNumber)).toHaveLength(1);
    expect(await doses(idNumber)).toHaveLength(1);
    expect(Number((await app.db.query<any[]>('SELECT COUNT(*) AS n FROM persons'))[0][0].n)).toBe(0);
  });

  it("when a batch names a registered person, then their cached code state's version moves; the feed's last delivery is kept", async () => {
    const r = await registerResident(app.url);
    expect((await call(app.url, 'GET', '/api/me/code', undefined, { token: r.token })).status).toBe(200);
    const version = async () => Number((await app.redis.get(redisKeys.codeStateVersion(r.userId))) ?? 0);
    const before = await version();
    await post('nucleic-acid', [result({ idNumber: r.idNumber })]);
    const afterResult = await version();
    expect(afterResult).toBeGreaterThan(before);
    await post('vaccination', [dose({ idNumber: r.idNumber })]);
    expect(await version()).toBeGreaterThan(afterResult);
    const [status] = await app.db.query<any[]>('SELECT kind, feed, last_batch_at FROM health_feed_status ORDER BY kind');
    expect(status.map((s: any) => [s.kind, s.feed, s.last_batch_at.getTime()])).toEqual([
      ['nucleic-acid', 'lab', app.clock.now().getTime()],
      ['vaccination', 'vaccines', app.clock.now().getTime()],
    ]);
  });
});
