/**
 * Check-in completion by grid (SPEC C9; docs/decisions/0020-statistics.md): the figures of
 * `GET /api/stats/grids` equal what this test did — who was placed where, who checked in on
 * which day — counted from its own actions, never from the tables the BFF counts into.
 */
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { chinaDate, type StatsGrids } from '@yima/shared';
import { loginBySms, registerResident } from '../support/flows';
import { CITY_GRIDS, importGrids } from '../support/grids';
import { call } from '../support/http';
import { newIdNumber } from '../support/ids';
import { grantRole } from '../support/roles';
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

const CHAOYANG = '110105';
const FENGTAI = '110106';
const JIANWAI = '110105001';
const HUJIALOU = '110105002';
const YONGANLI = '110105001001';
const GUANGHUALI = '110105001002';
const XINGFULI = '110105002001';
const YULINLI = '110106001001';
const DAY = 86_400_000;

/** A check-in's answers at `community` (null: the district only). */
const at = (community: string | null, district = CHAOYANG) => ({
  temperature: 'normal',
  symptoms: [] as string[],
  visitedAreas: [] as string[],
  contact: 'none',
  address: { district, detail: '幸福路 1 号', ...(community ? { community } : {}) },
});
const districtOf = (grid: string) => grid.slice(0, 6);

/** What the test did: each person's grid now, and who checked in where on each day. */
class Ledger {
  readonly placed = new Map<string, string>();
  private readonly checkins = new Map<string, Map<string, string>>();
  checkedIn(day: string, who: string, grid: string) {
    const today = this.checkins.get(day) ?? this.checkins.set(day, new Map()).get(day)!;
    // The day's first check-in is the one counted, in the grid it named; the latest places.
    if (!today.has(who)) today.set(who, grid);
    this.placed.set(who, grid);
  }
  expected(day: string, prefix: string) {
    const within = (grids: Iterable<string>) => [...grids].filter((g) => g.startsWith(prefix)).length;
    return { residents: within(this.placed.values()), checkedIn: within((this.checkins.get(day) ?? new Map()).values()) };
  }
}

async function operator() {
  const op = await loginBySms(app.url);
  await grantRole(app, op.phone, 'operator');
  return (parent: string | null, date?: string) => {
    const query = new URLSearchParams({ ...(parent ? { parent } : {}), ...(date ? { date } : {}) });
    return call(app.url, 'GET', `/api/stats/grids?${query}`, undefined, { token: op.token });
  };
}

describe('check-in completion by grid', () => {
  it('when people check in over two days, move and are filed for by relatives, then each level of the tree counts exactly them', async () => {
    const ledger = new Ledger();
    const grids = await operator();
    const d1 = chinaDate(app.clock.now());
    const checkIn = async (who: { token: string; key: string }, grid: string | null, path = '/api/me/checkins') => {
      const body = at(grid && grid.length === 12 ? grid : null, grid ? districtOf(grid) : CHAOYANG);
      expect((await call(app.url, 'POST', path, body, { token: who.token })).status).toBe(201);
      ledger.checkedIn(chinaDate(app.clock.now()), who.key, grid ?? CHAOYANG);
    };

    // Day 1: eight residents across the tree, one of them only at the district; one checks in twice.
    const homes = [YONGANLI, YONGANLI, YONGANLI, GUANGHUALI, XINGFULI, YULINLI, null, GUANGHUALI];
    const residents = [];
    for (const [i, home] of homes.entries()) {
      const r = await registerResident(app.url, { name: `王小${'一二三四五六七八'[i]}` });
      residents.push({ ...r, key: r.idNumber, home });
      await checkIn(residents[i], home);
    }
    await checkIn(residents[0], YONGANLI);
    // A relative filed by residents[4]: placed by the address the filer gave.
    const filed = await call(
      app.url,
      'POST',
      '/api/dependents',
      { name: '王老汉', idNumber: newIdNumber('19450301'), relation: 'parent', consent: true },
      { token: residents[4].token },
    );
    expect(filed.status).toBe(201);
    const parent = { token: residents[4].token, key: 'parent-of-4' };
    await checkIn(parent, XINGFULI, `/api/dependents/${filed.body.id}/checkins`);

    // Day 2: only some check in again; one moves from 永安里 to 幸福里, and on the same day
    // checks in again back at 永安里 (counted once, where the day's first check-in said).
    app.clock.advance(DAY);
    const d2 = chinaDate(app.clock.now());
    await checkIn(residents[0], YONGANLI);
    await checkIn(residents[1], XINGFULI);
    await checkIn(residents[1], YONGANLI);
    await checkIn(residents[5], YULINLI);
    await checkIn(residents[6], null);

    const expectLevel = (answer: StatsGrids, day: string, parentCode: string | null) => {
      expect(answer.total).toEqual(ledger.expected(day, parentCode ?? ''));
      for (const g of answer.grids)
        expect({ code: g.code, ...ledger.expected(day, g.code) }).toEqual({ code: g.code, residents: g.residents, checkedIn: g.checkedIn });
    };
    for (const day of [d1, d2]) {
      const city = await grids(null, day);
      expect(city.status).toBe(200);
      expect(city.body.grids.map((g: { code: string }) => g.code)).toEqual([CHAOYANG, FENGTAI]);
      expectLevel(city.body, day, null);
      const chaoyang = await grids(CHAOYANG, day);
      expect(chaoyang.body.parent).toMatchObject({ code: CHAOYANG, name: '朝阳区', level: 'district' });
      expect(chaoyang.body.grids.map((g: { code: string }) => g.code)).toEqual([JIANWAI, HUJIALOU]);
      expectLevel(chaoyang.body, day, CHAOYANG);
      const jianwai = await grids(JIANWAI, day);
      expect(jianwai.body.grids.map((g: { code: string }) => g.code)).toEqual([YONGANLI, GUANGHUALI]);
      expectLevel(jianwai.body, day, JIANWAI);
    }
    // Spelled out once, so the ledger cannot hide a mistake: day 1, 永安里 holds three who all
    // checked in; day 2 it still holds three (one went to 幸福里 and came back), but only one
    // checked in there first: the other's first check-in of the day named 幸福里.
    const yonganli = (await grids(JIANWAI, d1)).body.grids[0];
    expect({ residents: yonganli.residents, checkedIn: yonganli.checkedIn }).toEqual({ residents: 3, checkedIn: 3 });
    const day2 = (await grids(JIANWAI, d2)).body.grids[0];
    expect({ residents: day2.residents, checkedIn: day2.checkedIn }).toEqual({ residents: 3, checkedIn: 1 });
    // Today by default.
    expect((await grids(JIANWAI)).body.date).toBe(d2);
  });

  it('when many new people are first placed in one community at once, then each is counted once and none fails', async () => {
    const grids = await operator();
    const people = await Promise.all(Array.from({ length: 10 }, (_, i) => registerResident(app.url, { name: `李小${'一二三四五六七八九十'[i]}` })));
    const answers = await Promise.all(people.map((p) => call(app.url, 'POST', '/api/me/checkins', at(YONGANLI), { token: p.token })));
    expect(answers.map((a) => a.status)).toEqual(Array(10).fill(201));
    // And all of them move at once to the next community.
    const moves = await Promise.all(people.map((p) => call(app.url, 'POST', '/api/me/checkins', at(GUANGHUALI), { token: p.token })));
    expect(moves.map((a) => a.status)).toEqual(Array(10).fill(201));
    const figures = (await grids(JIANWAI)).body.grids.map((g: { code: string; residents: number; checkedIn: number }) => [g.code, g.residents, g.checkedIn]);
    expect(figures).toEqual([
      [YONGANLI, 0, 10],
      [GUANGHUALI, 10, 0],
    ]);
  });

  it('when the parent is no grid code, then 400; a grid nobody imported, then 404; a bad date, then 400 INVALID_DATE', async () => {
    const grids = await operator();
    const bad = await grids('12345');
    expect(bad.status).toBe(400);
    expect(bad.body.error.code).toBe('INVALID_REQUEST');
    const missing = await grids('110107');
    expect(missing.status).toBe(404);
    expect(missing.body.error.code).toBe('NOT_FOUND');
    const date = await grids(CHAOYANG, '2026-13-01');
    expect(date.status).toBe(400);
    expect(date.body.error.code).toBe('INVALID_DATE');
  });
});
