/**
 * Attacker's pass over issue 12 (colour transitions, grids and their workers, city statistics,
 * the authorisation layer): each test here reproduces something found, and failed before its fix.
 */
import type { RowDataPacket } from 'mysql2';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { loginBySms, registerResident } from '../support/flows';
import { CITY_GRIDS, importGrids } from '../support/grids';
import { call } from '../support/http';
import { newIdNumber } from '../support/ids';
import { grantRole } from '../support/roles';
import { createPersonGridsRepo } from '../../bff/src/features/grids';
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
const XINGFULI = '110105002001';

const at = (community: string | null, district = '110105') => ({
  temperature: 'normal',
  symptoms: [] as string[],
  visitedAreas: [] as string[],
  contact: 'none',
  address: { district, detail: '幸福路 1 号', ...(community ? { community } : {}) },
});
const checkIn = (token: string, body: object) => call(app.url, 'POST', '/api/me/checkins', body, { token });

async function operatorGrids(parent: string | null) {
  const op = await loginBySms(app.url);
  await grantRole(app, op.phone, 'operator');
  const query = new URLSearchParams(parent ? { parent } : {});
  return call(app.url, 'GET', `/api/stats/grids?${query}`, undefined, { token: op.token });
}

describe('grid_residents under concurrent first placements', () => {
  it('when one new person is placed several times at once (their check-ins, a relative’s), then their grid counts them once', async () => {
    // Check-ins place their person after their own commit, outside the hold's lock, so two
    // first check-ins of one person (the resident's, a relative's) may place them at once.
    // Before the fix both locking reads saw no row, both inserts went through (the second as
    // an update), and the grid counted the person twice.
    const fresh = await registerResident(app.url, { idNumber: newIdNumber() });
    const [[person]] = await app.db.query<RowDataPacket[]>('SELECT person_id FROM users WHERE id = ?', [fresh.userId]);
    const repo = createPersonGridsRepo(app.db);
    await Promise.all(Array.from({ length: 6 }, () => repo.assign(String(person.person_id), YONGANLI, 'checkin', app.clock.now())));
    const [rows] = await app.db.query<RowDataPacket[]>('SELECT SUM(n) AS n FROM grid_residents WHERE grid_code = ?', [YONGANLI]);
    expect(Number(rows[0].n)).toBe(1);
    // Moving them at once to two grids leaves them counted once, where they ended.
    await Promise.all([
      repo.assign(String(person.person_id), GUANGHUALI, 'checkin', app.clock.now()),
      repo.assign(String(person.person_id), XINGFULI, 'checkin', app.clock.now()),
    ]);
    const [[placed]] = await app.db.query<RowDataPacket[]>('SELECT grid_code FROM person_grids WHERE person_id = ?', [person.person_id]);
    const figures = await operatorGrids(null);
    expect(figures.body.total).toMatchObject({ residents: 1 });
    const [counts] = await app.db.query<RowDataPacket[]>('SELECT grid_code, SUM(n) AS n FROM grid_residents GROUP BY grid_code HAVING SUM(n) <> 0');
    expect(counts.map((c) => [c.grid_code, Number(c.n)])).toEqual([[placed.grid_code, 1]]);
  });

  it('when a resident sends several first check-ins at once, then their grid counts them once and their check-in once', async () => {
    const r = await registerResident(app.url, { idNumber: newIdNumber() });
    const replies = await Promise.all(Array.from({ length: 6 }, () => checkIn(r.token, at(YONGANLI))));
    expect(replies.map((x) => x.status)).toEqual(Array(6).fill(201));
    const figures = await operatorGrids('110105001');
    expect(figures.body.grids.find((g: { code: string }) => g.code === YONGANLI)).toMatchObject({ residents: 1, checkedIn: 1 });
  });
});
