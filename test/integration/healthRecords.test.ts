/**
 * Issue 13, decision 0026, the read side: what a resident (and a filer, for a relative) sees of
 * the nucleic-acid and vaccination feeds — the code page's latest round with its badge and the
 * doses, the records page with every round and dose, its source and "as of" — all fed through
 * the real feed routes.
 */
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { CodeAnswer, HealthRecordsAnswer } from '@yima/shared';
import { ndjson, nucleicAcidFeedLine, postBatch, vaccinationFeedLine } from '../support/feed';
import { registerResident } from '../support/flows';
import { call } from '../support/http';
import { newIdNumber } from '../support/ids';
import { startTestApp, type TestApp } from '../support/testApp';

let app: TestApp;
beforeAll(async () => {
  app = await startTestApp();
});
afterAll(() => app.close());
beforeEach(() => app.reset());

const H = 3600_000;
const ago = (hours: number) => new Date(app.clock.now().getTime() - hours * H).toISOString();
/** Posts a batch of `kind`; every line must apply. */
async function send(kind: 'nucleic-acid' | 'vaccination', lines: object[], feed?: string) {
  const res = await postBatch(app, ndjson(lines.map((l) => JSON.stringify(l))), { kind, ...(feed ? { feed } : {}) });
  expect(res.status).toBe(202);
  expect(res.body.rejected).toEqual([]);
}
const sendResults = (lines: object[], feed?: string) => send('nucleic-acid', lines, feed);
const sendDoses = (lines: object[]) => send('vaccination', lines);
const code = async (token: string) => (await call(app.url, 'GET', '/api/me/code', undefined, { token })).body as CodeAnswer;
const records = async (token: string, path = '/api/me/health-records') => {
  const res = await call(app.url, 'GET', path, undefined, { token });
  expect(res.status).toBe(200);
  return res.body as HealthRecordsAnswer;
};

/** Fourteen rounds, one every 12 h, the latest sampled `latestHoursAgo` ago. */
const rounds = (idNumber: string, latestHoursAgo: number, count = 14) =>
  Array.from({ length: count }, (_, i) => {
    const at = latestHoursAgo + 12 * i;
    return nucleicAcidFeedLine(app, { idNumber, sampleId: `R${i}`, sampledAt: ago(at), reportedAt: ago(at - 6) });
  });

describe('test results and vaccinations on the code page', () => {
  it('when a batch arrives for a resident whose code page is cached, then the next code answer shows the latest round with its badge and the doses', async () => {
    const me = await registerResident(app.url);
    expect((await code(me.token)).nucleicAcid).toBeNull(); // cached now, without records
    await sendResults(rounds(me.idNumber, 30));
    await sendDoses([1, 2, 3].map((n) => vaccinationFeedLine({ idNumber: me.idNumber, dose: n, date: `2021-0${n + 3}-01` })));

    const answer = await code(me.token);
    expect(answer.nucleicAcid?.latest.sampledAt).toBe(ago(30));
    expect(answer.nucleicAcid?.latest).toMatchObject({ result: 'negative', source: 'lab', region: '广州市' });
    expect(answer.nucleicAcid?.badge).toBe('48h');
    expect(answer.vaccination).toMatchObject({ doses: 3, latest: { dose: 3, date: '2021-06-01', source: 'vaccines' } });
  });

  it('when time passes without a new round, then the badge moves from 24 h through 72 h to 7 days, with nothing sent', async () => {
    const me = await registerResident(app.url);
    await sendResults([nucleicAcidFeedLine(app, { idNumber: me.idNumber, sampledAt: ago(2), reportedAt: ago(1) })]);
    const badges = [];
    for (const hours of [0, 23, 24, 24, 90]) {
      app.clock.advance(hours * H);
      badges.push((await code(me.token)).nucleicAcid?.badge);
    }
    // (Past 7 days the badge goes: shared/src/healthRecords.test.ts; the session ends first here.)
    expect(badges).toEqual(['24h', '48h', '72h', '7d', '7d']);
  });

  it('when the latest round is positive, then it shows as positive with no badge, and the colour is not changed by it', async () => {
    const me = await registerResident(app.url);
    await sendResults([
      nucleicAcidFeedLine(app, { idNumber: me.idNumber, sampleId: 'A', sampledAt: ago(50), reportedAt: ago(45) }),
      nucleicAcidFeedLine(app, { idNumber: me.idNumber, sampleId: 'B', sampledAt: ago(5), reportedAt: ago(2), result: 'positive' }),
    ]);
    const answer = await code(me.token);
    expect(answer.nucleicAcid).toMatchObject({ latest: { result: 'positive' }, badge: null });
    expect(answer.color).toBe('grey'); // no check-in yet: the lab's feed does not colour the code
  });

  it('when records arrive before the person registers, then they are shown once they do', async () => {
    const idNumber = newIdNumber();
    await sendResults(rounds(idNumber, 10, 2));
    const me = await registerResident(app.url, { idNumber });
    expect((await code(me.token)).nucleicAcid?.badge).toBe('24h');
    expect((await records(me.token)).nucleicAcid.results).toHaveLength(2);
  });
});

describe('the records page', () => {
  it('when a resident has 14 rounds over a week and doses from two regions, then every one is listed newest first with its source and region, and each kind says as of when', async () => {
    const me = await registerResident(app.url);
    await sendResults(rounds(me.idNumber, 8));
    app.clock.advance(H);
    // Another region's lab sends its own round, through its own feed.
    await sendResults(
      [nucleicAcidFeedLine(app, { idNumber: me.idNumber, sampleId: 'SH1', sampledAt: ago(200), reportedAt: ago(190), region: '上海市' })],
      'province',
    );
    await sendDoses([
      vaccinationFeedLine({ idNumber: me.idNumber, dose: 1, date: '2021-04-01', region: '上海市' }),
      vaccinationFeedLine({ idNumber: me.idNumber, dose: 2, date: '2021-05-01' }),
    ]);

    const answer = await records(me.token);
    expect(answer.nucleicAcid.results).toHaveLength(15); // not only the last 7 days
    const times = answer.nucleicAcid.results.map((r) => Date.parse(r.sampledAt));
    expect(times).toEqual([...times].sort((a, b) => b - a));
    expect(answer.nucleicAcid.results.at(-1)).toMatchObject({ region: '上海市', source: 'province' });
    expect(answer.vaccination.doses.map((d) => [d.dose, d.region])).toEqual([
      [2, '广州市'],
      [1, '上海市'],
    ]);
    // As of: the latest batch of each kind (the shanghai round came an hour after the first).
    expect(answer.nucleicAcid.asOf).toBe(app.clock.now().toISOString());
    expect(answer.vaccination.asOf).toBe(app.clock.now().toISOString());
  });

  it('when no feed has sent anything, then both lists are empty and say so (as of: null)', async () => {
    const me = await registerResident(app.url);
    expect(await records(me.token)).toEqual({ nucleicAcid: { results: [], asOf: null }, vaccination: { doses: [], asOf: null } });
  });

  it("when a filer opens a relative's records, then they see the relative's and the read is recorded; another resident is told there is no such relative", async () => {
    const filer = await registerResident(app.url);
    const idNumber = newIdNumber('19450301');
    const added = await call(app.url, 'POST', '/api/dependents', { name: '张老汉', idNumber, relation: 'parent', consent: true }, { token: filer.token });
    expect(added.status).toBe(201);
    await sendResults(rounds(idNumber, 20, 3));
    const path = `/api/dependents/${added.body.id}/health-records`;

    expect((await records(filer.token, path)).nucleicAcid.results).toHaveLength(3);
    const [logged] = await app.db.query<any[]>("SELECT COUNT(*) AS n FROM proxy_actions WHERE action = 'view-health-records'");
    expect(Number(logged[0].n)).toBe(1);

    const stranger = await registerResident(app.url);
    expect((await call(app.url, 'GET', path, undefined, { token: stranger.token })).status).toBe(404);
  });
});
