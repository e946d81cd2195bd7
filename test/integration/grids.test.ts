/**
 * Grids and community workers (SPEC C8, docs/decisions/0019): the grid list and its import, a
 * person's grid from their check-in, the worker's dashboard scoped to their grant, and the
 * audited view of one resident.
 */
import type { RowDataPacket } from 'mysql2';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { loginBySms, registerResident } from '../support/flows';
import { CITY_GRIDS, importGrids } from '../support/grids';
import { call } from '../support/http';
import { newIdNumber } from '../support/ids';
import { admin, grantRole } from '../support/roles';
import { startTestApp, type TestApp } from '../support/testApp';

let app: TestApp;
beforeAll(async () => {
  app = await startTestApp({ env: { SESSION_TTL_SECONDS: String(30 * 86400), HOTLINE: '010-12345' } });
});
afterAll(() => app.close());
beforeEach(async () => {
  await app.reset();
  expect((await importGrids(app, CITY_GRIDS)).code).toBe(0);
});

const YONGANLI = '110105001001';
const GUANGHUALI = '110105001002';
const JIANWAI = '110105001';
const XINGFULI = '110105002001';
const HUJIALOU = '110105002';

const at = (community: string | null, district = '110105') => ({
  temperature: 'normal',
  symptoms: [] as string[],
  visitedAreas: [] as string[],
  contact: 'none',
  address: { district, detail: '幸福路 1 号', ...(community ? { community } : {}) },
});
const checkIn = (token: string, body: object) => call(app.url, 'POST', '/api/me/checkins', body, { token });
const residentsOf = (token: string, grid: string, query = '') => call(app.url, 'GET', `/api/grids/${grid}/residents${query}`, undefined, { token });
const residentIn = (token: string, grid: string, personId: string) => call(app.url, 'GET', `/api/grids/${grid}/residents/${personId}`, undefined, { token });

async function worker(grid: string) {
  const w = await loginBySms(app.url);
  await grantRole(app, w.phone, 'community-worker', grid);
  return w;
}

/** A registered resident who checked in at `community` (or only the district), with their person id. */
async function residentAt(community: string | null, who: { name?: string } = {}, body: object = at(community)) {
  const r = await registerResident(app.url, { name: who.name ?? '王小明', idNumber: newIdNumber() });
  expect((await checkIn(r.token, body)).status).toBe(201);
  const [[row]] = await app.db.query<RowDataPacket[]>('SELECT person_id FROM users WHERE id = ?', [r.userId]);
  return { ...r, personId: String(row.person_id) };
}

const personIds = (res: { body: { residents: { personId: string }[] } }) => res.body.residents.map((x) => x.personId).sort();

describe('the grid list', () => {
  it('when imported again, then nothing changes; a renamed line renames; the tree is listed by the admin command', async () => {
    expect(await importGrids(app, CITY_GRIDS)).toEqual({ code: 0, lines: ['grids: 0 added, 0 renamed, 10 unchanged, 0 refused'] });
    expect(await importGrids(app, '110105002002,东大桥社区（新）\n110105002003,团结湖社区')).toEqual({
      code: 0,
      lines: ['grids: 1 added, 1 renamed, 0 unchanged, 0 refused'],
    });
    expect(await admin(app, ['grids', 'list', '--parent', HUJIALOU])).toEqual({
      code: 0,
      lines: ['110105002001\tcommunity\t幸福里社区', '110105002002\tcommunity\t东大桥社区（新）', '110105002003\tcommunity\t团结湖社区'],
    });
    expect((await admin(app, ['grids', 'list'])).lines).toEqual(['110105\tdistrict\t朝阳区', '110106\tdistrict\t丰台区']);
  });

  it('when lines are wrong, then each is reported with its line number, the good ones are imported, and the command fails', async () => {
    const csv = ['code,name', '110105003,三里屯街道', '110105003001,', '1101050031,十位', '110107001001,没有街道的社区', '110105003002,太古里社区'].join('\n');
    const { code, lines } = await importGrids(app, csv);
    expect(code).toBe(1);
    expect(lines).toEqual([
      expect.stringMatching(/^grids\.csv:3: name: /),
      expect.stringMatching(/^grids\.csv:4: code: must be a grid code/),
      'grids.csv:5: its parent 110107001 is neither in the file nor imported',
      'grids: 2 added, 0 renamed, 0 unchanged, 3 refused',
    ]);
    expect((await admin(app, ['grids', 'list', '--parent', '110105003'])).lines).toEqual(['110105003002\tcommunity\t太古里社区']);
  });

  it('when the file is missing or the arguments are wrong, then the command says so', async () => {
    expect((await admin(app, ['grids', 'import', '/nonexistent/grids.csv'])).code).toBe(1);
    expect((await admin(app, ['grids', 'list', '--parent', '12'])).code).toBe(2);
    expect((await admin(app, ['grids', 'export'])).code).toBe(2);
  });

  it('GET /api/grids: the districts, a grid’s children, or every community of a district; cacheable', async () => {
    const districts = await call(app.url, 'GET', '/api/grids');
    expect(districts.status).toBe(200);
    expect(districts.headers.get('cache-control')).toBe('public, max-age=300');
    expect(districts.body.grids.map((g: { code: string }) => g.code)).toEqual(['110105', '110106']);
    expect((await call(app.url, 'GET', '/api/grids?parent=110105')).body).toEqual({
      grids: [
        { code: JIANWAI, name: '建外街道', level: 'street', parent: '110105' },
        { code: HUJIALOU, name: '呼家楼街道', level: 'street', parent: '110105' },
      ],
    });
    const communities = await call(app.url, 'GET', '/api/grids?parent=110105&level=community');
    expect(communities.body.grids.map((g: { code: string; parent: string }) => [g.code, g.parent])).toEqual([
      [YONGANLI, JIANWAI],
      [GUANGHUALI, JIANWAI],
      [XINGFULI, HUJIALOU],
      ['110105002002', HUJIALOU],
    ]);
    expect((await call(app.url, 'GET', '/api/grids?parent=110108')).body).toEqual({ grids: [] });
    // Beneath, not itself.
    expect((await call(app.url, 'GET', '/api/grids?parent=110105&level=district')).body).toEqual({ grids: [] });
  });

  it('GET /api/grids with a malformed parent, a level without one, or an unknown parameter: 400 with a JSON error', async () => {
    for (const query of [
      '?parent=1101050',
      '?parent=abc',
      '?level=community',
      '?level=village&parent=110105',
      '?parent=110105&x=1',
      '?parent=110105&parent=110106',
    ]) {
      const res = await call(app.url, 'GET', `/api/grids${query}`);
      expect(res, query).toMatchObject({ status: 400, body: { error: { code: 'INVALID_REQUEST', message: expect.any(String) } } });
    }
  });
});

describe('a person’s grid, from their check-in', () => {
  it('when a resident checks in with a community, then they are in that community’s dashboard and its street’s and district’s, not another community’s', async () => {
    const r = await residentAt(YONGANLI);
    const w = await worker('110105');
    expect(personIds(await residentsOf(w.token, YONGANLI))).toEqual([r.personId]);
    expect(personIds(await residentsOf(w.token, JIANWAI))).toEqual([r.personId]);
    expect(personIds(await residentsOf(w.token, '110105'))).toEqual([r.personId]);
    expect(personIds(await residentsOf(w.token, GUANGHUALI))).toEqual([]);
    expect(personIds(await residentsOf(w.token, HUJIALOU))).toEqual([]);
    const listed = await residentsOf(w.token, JIANWAI);
    expect(listed.body).toEqual({
      grid: { code: JIANWAI, name: '建外街道', level: 'street', parent: '110105' },
      filter: null,
      residents: [
        {
          personId: r.personId,
          name: '王*明',
          grid: { code: YONGANLI, name: '永安里社区' },
          color: 'green',
          checkin: { lastAt: app.clock.now().toISOString(), today: true, overdue: false, overdueDays: 0 },
          pendingConversion: false,
        },
      ],
      nextCursor: null,
    });
    expect(listed.headers.get('cache-control')).toBe('no-store');
    expect(JSON.stringify(listed.body)).not.toContain(r.idNumber);
  });

  it('when a check-in names no community, then the person is in their district only; a later one with a community moves them', async () => {
    const r = await residentAt(null);
    const w = await worker('110105');
    expect(personIds(await residentsOf(w.token, '110105'))).toEqual([r.personId]);
    expect((await residentsOf(w.token, '110105')).body.residents[0].grid).toEqual({ code: '110105', name: '朝阳区' });
    expect(personIds(await residentsOf(w.token, JIANWAI))).toEqual([]);
    expect((await checkIn(r.token, at(XINGFULI))).status).toBe(201);
    expect(personIds(await residentsOf(w.token, HUJIALOU))).toEqual([r.personId]);
    expect(personIds(await residentsOf(w.token, JIANWAI))).toEqual([]);
    // Moving district leaves the district's dashboard.
    expect((await checkIn(r.token, at('110106001001', '110106'))).status).toBe(201);
    expect(personIds(await residentsOf(w.token, '110105'))).toEqual([]);
  });

  it('when a relative files a check-in for their parent with a community, then the parent is in that community’s dashboard', async () => {
    const filer = await residentAt(YONGANLI, { name: '张小三' });
    const added = await call(
      app.url,
      'POST',
      '/api/dependents',
      { name: '张老汉', idNumber: newIdNumber('19450301'), relation: 'parent', consent: true },
      { token: filer.token },
    );
    expect(added.status).toBe(201);
    expect((await call(app.url, 'POST', `/api/dependents/${added.body.id}/checkins`, at(GUANGHUALI), { token: filer.token })).status).toBe(201);
    const w = await worker(JIANWAI);
    const list = await residentsOf(w.token, GUANGHUALI);
    expect(list.body.residents).toMatchObject([{ name: '张*汉', grid: { code: GUANGHUALI }, color: 'green', checkin: { today: true } }]);
    expect((await residentsOf(w.token, JIANWAI)).body.residents).toHaveLength(2);
  });

  it('when the community is unknown, lies in another district or is malformed, then 400 with a JSON error, and nothing is recorded', async () => {
    const r = await registerResident(app.url);
    const cases: [object, string][] = [
      [at('110105001009'), 'UNKNOWN_COMMUNITY'],
      [at('110106001001'), 'COMMUNITY_NOT_IN_DISTRICT'],
      [at(YONGANLI, '110106'), 'COMMUNITY_NOT_IN_DISTRICT'],
      [at(JIANWAI), 'INVALID_REQUEST'],
      [at('11010500100１'), 'INVALID_REQUEST'],
      [{ ...at(null), address: { district: '110105', detail: 'x', community: 110105001001 } }, 'INVALID_REQUEST'],
    ];
    for (const [body, code] of cases) {
      const res = await checkIn(r.token, body);
      expect(res, JSON.stringify(body)).toMatchObject({ status: 400, body: { error: { code, message: expect.stringContaining('community') } } });
    }
    const [checkins] = await app.db.query<RowDataPacket[]>('SELECT COUNT(*) AS n FROM checkins');
    const [grids] = await app.db.query<RowDataPacket[]>('SELECT COUNT(*) AS n FROM person_grids');
    expect([Number(checkins[0].n), Number(grids[0].n)]).toEqual([0, 0]);
    // A relative's check-in is held to the same rule.
    const added = await call(
      app.url,
      'POST',
      '/api/dependents',
      { name: '张老汉', idNumber: newIdNumber('19450301'), relation: 'parent', consent: true },
      { token: r.token },
    );
    expect(await call(app.url, 'POST', `/api/dependents/${added.body.id}/checkins`, at('110105001009'), { token: r.token })).toMatchObject({
      status: 400,
      body: { error: { code: 'UNKNOWN_COMMUNITY' } },
    });
  });

  it('the check-in history keeps the community the resident chose', async () => {
    const r = await residentAt(XINGFULI);
    const history = await call(app.url, 'GET', '/api/me/checkins', undefined, { token: r.token });
    expect(history.body.checkins[0].answers.address).toEqual({ district: '110105', detail: '幸福路 1 号', community: XINGFULI });
  });
});

describe('who sees which grid', () => {
  it('a worker of grid A cannot list or view grid B’s residents, and a resident of A cannot be opened through B’s path', async () => {
    const inA = await residentAt(YONGANLI);
    const inB = await residentAt(XINGFULI);
    const workerA = await worker(JIANWAI);
    const workerB = await worker(HUJIALOU);

    expect(await residentsOf(workerA.token, HUJIALOU)).toMatchObject({ status: 403, body: { error: { code: 'FORBIDDEN' } } });
    expect(await residentsOf(workerA.token, XINGFULI)).toMatchObject({ status: 403, body: { error: { code: 'FORBIDDEN' } } });
    expect(await residentsOf(workerA.token, '110105')).toMatchObject({ status: 403, body: { error: { code: 'FORBIDDEN' } } });
    expect(await residentIn(workerA.token, XINGFULI, inB.personId)).toMatchObject({ status: 403, body: { error: { code: 'FORBIDDEN' } } });
    // B's worker, through B's own path, asking for A's resident: not in this grid.
    expect(await residentIn(workerB.token, HUJIALOU, inA.personId)).toMatchObject({ status: 404, body: { error: { code: 'NOT_FOUND' } } });
    expect(await residentIn(workerB.token, XINGFULI, inA.personId)).toMatchObject({ status: 404, body: { error: { code: 'NOT_FOUND' } } });
    // A's worker, through a community of A that is not the resident's.
    expect(await residentIn(workerA.token, GUANGHUALI, inA.personId)).toMatchObject({ status: 404 });
    // Nobody: a person id that does not exist, or is not an id, is the same 404.
    expect(await residentIn(workerA.token, JIANWAI, '999999999')).toMatchObject({ status: 404 });
    expect(await residentIn(workerA.token, JIANWAI, 'abc')).toMatchObject({ status: 404 });
    // Their own: yes.
    expect(await residentIn(workerA.token, JIANWAI, inA.personId)).toMatchObject({ status: 200, body: { personId: inA.personId } });
    expect(await residentIn(workerA.token, YONGANLI, inA.personId)).toMatchObject({ status: 200 });
    const [views] = await app.db.query<RowDataPacket[]>('SELECT COUNT(*) AS n FROM record_views');
    expect(Number(views[0].n)).toBe(2);
  });

  it('an account without the role is 403, without a session 401; an admin sees every grid; an unknown grid is 404', async () => {
    const r = await residentAt(YONGANLI);
    expect(await residentsOf(r.token, YONGANLI)).toMatchObject({ status: 403, body: { error: { code: 'FORBIDDEN' } } });
    expect(await residentIn(r.token, YONGANLI, r.personId)).toMatchObject({ status: 403 });
    expect(await call(app.url, 'GET', `/api/grids/${YONGANLI}/residents`)).toMatchObject({ status: 401, body: { error: { code: 'UNAUTHENTICATED' } } });
    const authority = await loginBySms(app.url);
    await grantRole(app, authority.phone, 'authority', '110105');
    expect(await residentsOf(authority.token, YONGANLI)).toMatchObject({ status: 403 });

    const boss = await loginBySms(app.url);
    await grantRole(app, boss.phone, 'admin');
    expect(personIds(await residentsOf(boss.token, '110105'))).toEqual([r.personId]);
    expect(await residentsOf(boss.token, '110105009')).toMatchObject({ status: 404, body: { error: { code: 'NOT_FOUND' } } });
    expect(await residentsOf(boss.token, 'abc')).toMatchObject({ status: 404, body: { error: { code: 'NOT_FOUND' } } });
  });

  it('when the query is malformed, then 400 with a JSON error', async () => {
    const w = await worker('110105');
    for (const query of ['?filter=green', '?limit=0', '?limit=101', '?limit=x', '?cursor=abc', '?cursor=110105-', '?page=2']) {
      expect(await residentsOf(w.token, '110105', query), query).toMatchObject({ status: 400, body: { error: { code: 'INVALID_REQUEST' } } });
    }
    // A well-formed cursor past every resident (or naming a grid elsewhere) is simply the end.
    for (const cursor of ['110105-99999999999999999999', '999999999999-1', '110106-1']) {
      expect((await residentsOf(w.token, '110105', `?cursor=${cursor}`)).body, cursor).toMatchObject({ residents: [], nextCursor: null });
    }
  });

  it('the admin command refuses a community-worker grant for a grid that does not exist, or none', async () => {
    const w = await loginBySms(app.url);
    const refused = await admin(app, ['grant', '--phone', w.phone, '--role', 'community-worker', '--scope', '110105009']);
    expect(refused.code).toBe(1);
    expect(refused.lines.join('\n')).toMatch(/no grid 110105009/);
    expect((await admin(app, ['grant', '--phone', w.phone, '--role', 'community-worker'])).code).toBe(1);
    const [rows] = await app.db.query<RowDataPacket[]>('SELECT * FROM user_roles WHERE user_id = ?', [w.userId]);
    expect(rows).toEqual([]);
    expect((await admin(app, ['grant', '--phone', w.phone, '--role', 'community-worker', '--scope', YONGANLI])).code).toBe(0);
  });

  it('the admin command refuses an authority grant for anything but a district code, and a scope on a city-wide role (attacker pass)', async () => {
    const w = await loginBySms(app.url);
    for (const scope of ['%', '11', '110105%', '11010', '1101051', '']) {
      const refused = await admin(app, ['grant', '--phone', w.phone, '--role', 'authority', ...(scope ? ['--scope', scope] : [])]);
      expect({ scope, code: refused.code }).toEqual({ scope, code: 1 });
    }
    for (const role of ['operator', 'admin']) expect((await admin(app, ['grant', '--phone', w.phone, '--role', role, '--scope', '110105'])).code).toBe(1);
    const [rows] = await app.db.query<RowDataPacket[]>('SELECT * FROM user_roles WHERE user_id = ?', [w.userId]);
    expect(rows).toEqual([]);
    expect((await admin(app, ['grant', '--phone', w.phone, '--role', 'authority', '--scope', '110105'])).code).toBe(0);
  });

  it('GET /api/staff/grids: the grids a worker works for; empty for everyone else', async () => {
    const w = await worker(JIANWAI);
    await grantRole(app, w.phone, 'community-worker', XINGFULI);
    expect((await call(app.url, 'GET', '/api/staff/grids', undefined, { token: w.token })).body).toEqual({
      grids: [
        { code: JIANWAI, name: '建外街道', level: 'street', parent: '110105' },
        { code: XINGFULI, name: '幸福里社区', level: 'community', parent: HUJIALOU },
      ],
    });
    const r = await loginBySms(app.url);
    expect((await call(app.url, 'GET', '/api/staff/grids', undefined, { token: r.token })).body).toEqual({ grids: [] });
    expect(await call(app.url, 'GET', '/api/staff/grids')).toMatchObject({ status: 401 });
  });

  it('GET /api/ops/pages offers a worker and an admin the grid dashboard (the home page’s tile), and no one else', async () => {
    const w = await worker(JIANWAI);
    expect((await call(app.url, 'GET', '/api/ops/pages', undefined, { token: w.token })).body).toEqual({ pages: ['grid', 'conversions'] });
    const admin = await loginBySms(app.url);
    await grantRole(app, admin.phone, 'admin');
    // An admin opens every page, the dashboard too: it lists the city's districts, from which
    // every grid opens (issue 12: "the home page offers each person exactly the entries their
    // roles allow"; before, an admin had no dashboard tile).
    expect((await call(app.url, 'GET', '/api/ops/pages', undefined, { token: admin.token })).body).toEqual({
      pages: ['stats', 'grid', 'conversions', 'places', 'riskAreas', 'marks', 'grants'],
    });
    const adminGrids = (await call(app.url, 'GET', '/api/staff/grids', undefined, { token: admin.token })).body.grids as { code: string }[];
    expect(adminGrids.map((g) => g.code)).toEqual(['110105', '110106']);
    expect((await residentsOf(admin.token, '110105')).status).toBe(200);
    const r = await loginBySms(app.url);
    expect((await call(app.url, 'GET', '/api/ops/pages', undefined, { token: r.token })).body).toEqual({ pages: [] });
  });
});

describe('the dashboard', () => {
  it('filters residents overdue with their check-in, yellow or red, by the colour their code page shows', async () => {
    const stale = await residentAt(YONGANLI, { name: '李四' });
    app.clock.advance(4 * 86400_000);
    const fine = await residentAt(YONGANLI, { name: '张三' });
    const fever = await residentAt(YONGANLI, { name: '赵六' }, { ...at(YONGANLI), temperature: 37.8 });
    const contact = await residentAt(GUANGHUALI, { name: '钱七' }, { ...at(GUANGHUALI), contact: 'confirmed' });
    const w = await worker(JIANWAI);

    expect(personIds(await residentsOf(w.token, JIANWAI))).toEqual([stale, fine, fever, contact].map((r) => r.personId).sort());
    const overdue = await residentsOf(w.token, JIANWAI, '?filter=overdue');
    expect(overdue.body).toMatchObject({
      filter: 'overdue',
      residents: [{ personId: stale.personId, name: '李*', color: 'yellow', checkin: { today: false, overdue: true, overdueDays: 1 } }],
      nextCursor: null,
    });
    // The overdue check-in reads yellow, as on the resident's own code page.
    expect(personIds(await residentsOf(w.token, JIANWAI, '?filter=yellow'))).toEqual([stale.personId, fever.personId].sort());
    expect(personIds(await residentsOf(w.token, JIANWAI, '?filter=red'))).toEqual([contact.personId]);
    expect((await call(app.url, 'GET', '/api/me/code', undefined, { token: stale.token })).body.color).toBe('yellow');
  });

  it('when an authority marks a resident red, then the dashboard shows red too (the merged colour, not the check-in’s)', async () => {
    const r = await residentAt(XINGFULI);
    const cdc = await loginBySms(app.url);
    await grantRole(app, cdc.phone, 'authority', '110105');
    const mark = { idNumber: r.idNumber, color: 'red', reason: 'CLOSE_CONTACT', note: '同乘 K123', legalBasis: '《传染病防治法》第三十九条' };
    expect((await call(app.url, 'POST', '/api/marks', mark, { token: cdc.token })).status).toBe(201);
    const w = await worker(HUJIALOU);
    expect((await residentsOf(w.token, HUJIALOU, '?filter=red')).body.residents).toMatchObject([{ personId: r.personId, color: 'red' }]);
    const detail = await residentIn(w.token, HUJIALOU, r.personId);
    expect(detail.body).toMatchObject({
      color: 'red',
      decidedBy: 'mark:110105',
      reasons: [{ source: 'mark:110105', reasonCode: 'CLOSE_CONTACT', note: '同乘 K123', hotline: '010-12345', mark: { district: '110105' } }],
    });
    // The same explanation the resident's own code page gives.
    const page = (await call(app.url, 'GET', '/api/me/code', undefined, { token: r.token })).body;
    expect({ reasons: detail.body.reasons, sources: detail.body.sources, decidedBy: detail.body.decidedBy, policy: detail.body.policy }).toEqual({
      reasons: page.reasons,
      sources: page.sources,
      decidedBy: page.decidedBy,
      policy: page.policy,
    });
  });

  it('pages through a grid by cursor: every resident once, in grid then person order', async () => {
    const people = [];
    for (const community of [XINGFULI, YONGANLI, GUANGHUALI, YONGANLI, XINGFULI]) people.push(await residentAt(community));
    const w = await worker('110105');
    const seen: { personId: string; grid: { code: string } }[] = [];
    let cursor: string | null = null;
    let pages = 0;
    do {
      const res: { status: number; body: { residents: { personId: string; grid: { code: string } }[]; nextCursor: string | null } } = await residentsOf(
        w.token,
        '110105',
        `?limit=2${cursor ? `&cursor=${cursor}` : ''}`,
      );
      expect(res.status).toBe(200);
      expect(res.body.residents.length).toBeLessThanOrEqual(2);
      seen.push(...res.body.residents);
      cursor = res.body.nextCursor;
      pages += 1;
    } while (cursor && pages < 10);
    expect(seen.map((s) => s.personId).sort()).toEqual(people.map((p) => p.personId).sort());
    const order = seen.map((s) => `${s.grid.code}-${s.personId.padStart(20, '0')}`);
    expect(order).toEqual([...order].sort());
    expect(pages).toBe(3);
  });
});

describe('one resident, audited', () => {
  it('when a worker opens a resident, then the detail explains the colour and lists recent check-ins, and the person’s history says which grid’s worker looked', async () => {
    const r = await residentAt(YONGANLI, { name: '王小明' });
    app.clock.advance(86400_000);
    expect((await checkIn(r.token, { ...at(YONGANLI), symptoms: ['cough'] })).status).toBe(201);
    const w = await worker(JIANWAI);
    const detail = await residentIn(w.token, YONGANLI, r.personId);
    expect(detail.status).toBe(200);
    expect(detail.headers.get('cache-control')).toBe('no-store');
    expect(detail.body).toMatchObject({
      personId: r.personId,
      name: '王*明',
      grid: { code: YONGANLI, name: '永安里社区' },
      color: 'yellow',
      decidedBy: 'checkin',
      reasons: [{ source: 'checkin', reasonCode: 'SYMPTOMS', setBy: 'self-declaration' }],
      checkin: { today: true, overdue: false, overdueDays: 0 },
      recentCheckins: [
        { color: 'yellow', reasons: ['SYMPTOMS'], byRelative: false },
        { color: 'green', reasons: ['CHECKIN_OK'], byRelative: false },
      ],
    });
    expect(detail.body).not.toHaveProperty('qr');
    expect(JSON.stringify(detail.body)).not.toContain(r.idNumber);

    const audit = await call(app.url, 'GET', '/api/me/audit', undefined, { token: r.token });
    expect(audit.status).toBe(200);
    expect(audit.body.entries[0]).toEqual({
      at: app.clock.now().toISOString(),
      from: 'yellow',
      to: 'yellow',
      decidedBy: 'checkin',
      actor: `community-worker:${JIANWAI}#${w.userId}`,
      reasonCode: 'VIEWED_BY_COMMUNITY_WORKER',
      note: '',
      params: { scope: JIANWAI, scopeName: '建外街道' },
    });
    // The colour changes are still there, after the view.
    expect(audit.body.entries.slice(1).map((e: { to: string }) => e.to)).toEqual(['yellow', 'green']);
    // Listing is not viewing: only the detail is recorded.
    await residentsOf(w.token, JIANWAI);
    expect((await call(app.url, 'GET', '/api/me/audit', undefined, { token: r.token })).body.entries).toHaveLength(3);
  });

  it('a view does not count as something others reported: the person’s own account keeps its full record', async () => {
    const r = await residentAt(YONGANLI);
    const w = await worker(YONGANLI);
    expect((await residentIn(w.token, YONGANLI, r.personId)).status).toBe(200);
    const code = await call(app.url, 'GET', '/api/me/code', undefined, { token: r.token });
    expect(code.body).toMatchObject({ color: 'green' });
    expect(code.body.verificationRequired).toBeUndefined();
  });

  it('when an admin opens a resident, then the history says an admin looked; a relative’s history shows views of the relative', async () => {
    const filer = await residentAt(YONGANLI, { name: '张小三' });
    const added = await call(
      app.url,
      'POST',
      '/api/dependents',
      { name: '张老汉', idNumber: newIdNumber('19450301'), relation: 'parent', consent: true },
      { token: filer.token },
    );
    await call(app.url, 'POST', `/api/dependents/${added.body.id}/checkins`, at(YONGANLI), { token: filer.token });
    const w = await worker(YONGANLI);
    const list = await residentsOf(w.token, YONGANLI);
    const parent = list.body.residents.find((x: { name: string }) => x.name === '张*汉');
    expect((await residentIn(w.token, YONGANLI, parent.personId)).body).toMatchObject({ name: '张*汉', recentCheckins: [{ byRelative: true }] });
    const relativeAudit = await call(app.url, 'GET', `/api/dependents/${added.body.id}/audit`, undefined, { token: filer.token });
    expect(relativeAudit.body.entries[0]).toMatchObject({ reasonCode: 'VIEWED_BY_COMMUNITY_WORKER', params: { scope: YONGANLI, scopeName: '永安里社区' } });

    const boss = await loginBySms(app.url);
    await grantRole(app, boss.phone, 'admin');
    expect((await residentIn(boss.token, JIANWAI, filer.personId)).status).toBe(200);
    const audit = await call(app.url, 'GET', '/api/me/audit', undefined, { token: filer.token });
    expect(audit.body.entries[0]).toMatchObject({
      from: 'green',
      to: 'green',
      actor: `admin#${boss.userId}`,
      reasonCode: 'VIEWED_BY_ADMIN',
      params: { scope: JIANWAI, scopeName: '建外街道' },
    });
  });
});
