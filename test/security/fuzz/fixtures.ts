/**
 * The people and records the fuzzer acts as and aims at: a registered resident (with a check-in,
 * a relative they file for, their own paper code), an operator (with a place), the place's staff,
 * a district authority (with a mark on the resident) and a community worker of the district's
 * grid (the resident checked in at one of its communities). Their ids and codes fill the fuzzed
 * path parameters and bodies, so requests reach past the "no such record" checks.
 */
import type { RowDataPacket } from 'mysql2';
import { expect } from 'vitest';
import { loginBySms, registerResident } from '../../support/flows';
import { call } from '../../support/http';
import { newIdNumber } from '../../support/ids';
import { importGrids } from '../../support/grids';
import { grantRole } from '../../support/roles';
import type { TestApp } from '../../support/testApp';

export const ROLES = ['resident', 'operator', 'staff', 'authority', 'worker'] as const;
export type Role = (typeof ROLES)[number];
/** Who sends a request: a role's session, none, or a token that was never issued. */
export type Caller = Role | 'anonymous' | 'forged';

export const DISTRICT = '110105';
export const COMMUNITY = '110105001001';
export const NORMAL_CHECKIN = {
  temperature: 'normal',
  symptoms: [],
  visitedAreas: [],
  contact: 'none',
  address: { district: DISTRICT, detail: '幸福路 1 号' },
};
/** The fixtures' grid list: the district, a street, a community. */
const GRIDS = `code,name\n${DISTRICT},朝阳区\n110105001,建外街道\n${COMMUNITY},永安里社区\n`;
export const PLACE = { type: 'community', name: '幸福里小区', address: '北京市朝阳区幸福路 1 号', district: DISTRICT };

export interface Fixtures {
  tokens: Record<Role, string>;
  /** Values for `$name` placeholders in bodies and for path parameters. */
  values: Record<string, string>;
}

async function ok<T>(p: Promise<{ status: number; body: T }>, expected: number): Promise<T> {
  const res = await p;
  expect(res.status).toBe(expected);
  return res.body;
}

/** A fresh session of `role` for a new person (the fuzzer may have logged the old one out). */
export async function sessionFor(app: TestApp, role: Role, venueId: string): Promise<{ token: string; phone: string; userId: string; idNumber?: string }> {
  if (role === 'resident') return registerResident(app.url);
  const s = await loginBySms(app.url);
  if (role === 'operator') await grantRole(app, s.phone, 'operator');
  if (role === 'staff') await grantRole(app, s.phone, 'venue-staff', venueId);
  if (role === 'authority') await grantRole(app, s.phone, 'authority', DISTRICT);
  if (role === 'worker') await grantRole(app, s.phone, 'community-worker', DISTRICT);
  return s;
}

export async function makeFixtures(app: TestApp): Promise<Fixtures> {
  expect((await importGrids(app, GRIDS)).code).toBe(0);
  const operator = await sessionFor(app, 'operator', '');
  const venue = await ok<{ id: string; placeCode: string }>(call(app.url, 'POST', '/api/venues', PLACE, { token: operator.token }), 201);
  const staff = await sessionFor(app, 'staff', venue.id);
  const resident = await sessionFor(app, 'resident', venue.id);
  const authority = await sessionFor(app, 'authority', venue.id);
  const worker = await sessionFor(app, 'worker', venue.id);
  await ok(
    call(app.url, 'POST', '/api/me/checkins', { ...NORMAL_CHECKIN, address: { ...NORMAL_CHECKIN.address, community: COMMUNITY } }, { token: resident.token }),
    201,
  );
  const [[person]] = await app.db.query<RowDataPacket[]>('SELECT person_id FROM users WHERE id = ?', [resident.userId]);
  const relativeId = newIdNumber('19450301');
  const dependent = await ok<{ id: string }>(
    call(app.url, 'POST', '/api/dependents', { name: '张老汉', idNumber: relativeId, relation: 'parent', consent: true }, { token: resident.token }),
    201,
  );
  const paper = await ok<{ id: string; qr: string }>(call(app.url, 'POST', '/api/me/paper-codes', undefined, { token: resident.token }), 201);
  const mark = await ok<{ id: string }>(
    call(
      app.url,
      'POST',
      '/api/marks',
      { idNumber: resident.idNumber, color: 'yellow', reason: 'CLOSE_CONTACT', note: '', legalBasis: '《传染病防治法》第三十九条' },
      { token: authority.token },
    ),
    201,
  );
  const code = await ok<{ qr: string }>(call(app.url, 'GET', '/api/me/code', undefined, { token: resident.token }), 200);
  return {
    tokens: { resident: resident.token, operator: operator.token, staff: staff.token, authority: authority.token, worker: worker.token },
    values: {
      venueId: venue.id,
      placeCode: venue.placeCode,
      dependentId: dependent.id,
      paperCodeId: paper.id,
      markId: mark.id,
      qr: code.qr,
      paperQr: paper.qr,
      idNumber: resident.idNumber ?? '',
      relativeIdNumber: relativeId,
      phone: resident.phone,
      gridCode: COMMUNITY,
      personId: String(person.person_id),
    },
  };
}
