/**
 * The actors of the conversion-request tests (decision 0022), against one test app: residents
 * who checked in at a community (by mistake or not), handlers with a role, and the calls they
 * make. Shared by conversions.test.ts and the attacker pass's tests.
 */
import type { RowDataPacket } from 'mysql2';
import { expect } from 'vitest';
import { loginBySms, registerResident } from './flows';
import { call } from './http';
import { newIdNumber } from './ids';
import { grantRole } from './roles';
import type { TestApp } from './testApp';

export const YONGANLI = '110105001001';
export const JIANWAI = '110105001';

/** A check-in's answers at `community` of 朝阳区, healthy unless `over` says otherwise. */
export const checkinAt = (community: string, over: object = {}) => ({
  temperature: 'normal',
  symptoms: [] as string[],
  visitedAreas: [] as string[],
  contact: 'none',
  address: { district: '110105', community, detail: '幸福路 1 号' },
  ...over,
});
/** The box people tick by mistake: contact with a confirmed case (red). */
export const MISTAKE = { contact: 'confirmed' };

export type Api = ReturnType<typeof apiOf>;
const apiOf = (app: TestApp, token: string) => ({
  get: (path: string) => call(app.url, 'GET', path, undefined, { token }),
  post: (path: string, body: unknown) => call(app.url, 'POST', path, body, { token }),
});

/** `appOf`: the test app once started (files start it in beforeAll). */
export function conversionActors(appOf: () => TestApp) {
  const as = (token: string) => apiOf(appOf(), token);
  return {
    as,
    /** A registered resident who checked in at `community` (answers changed by `over`), with their person id. */
    async resident(community = YONGANLI, over: object = {}) {
      const app = appOf();
      const r = await registerResident(app.url, { name: '王小明', idNumber: newIdNumber() });
      expect((await as(r.token).post('/api/me/checkins', checkinAt(community, over))).status).toBe(201);
      const [[row]] = await app.db.query<RowDataPacket[]>('SELECT person_id FROM users WHERE id = ?', [r.userId]);
      return { ...r, personId: String(row.person_id), api: as(r.token) };
    },
    /** An account granted `role` (for `scope`). */
    async staff(role: 'community-worker' | 'authority' | 'admin', scope?: string) {
      const s = await loginBySms(appOf().url);
      await grantRole(appOf(), s.phone, role, scope);
      return { ...s, api: as(s.token) };
    },
    decide: (who: { api: Api }, id: string, approve: boolean, reason = '已电话核实，确为误填') =>
      who.api.post(`/api/conversion-requests/${id}/decision`, { approve, reason }),
    code: async (r: { api: Api }) => (await r.api.get('/api/me/code')).body,
  };
}
