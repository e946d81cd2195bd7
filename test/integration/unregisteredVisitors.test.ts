/**
 * Issue 13, decision 0025: a place's staff record a visitor who is not registered — the
 * handwritten book's line — stored encrypted, logged as a visit, counted as a staff scan.
 */
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { chinaDate } from '@yima/shared';
import { createPii, type Pii } from '@yima/bff/src/crypto/pii';
import { deleteOldVisits } from '@yima/bff/src/features/visits';
import { loginBySms, registerResident } from '../support/flows';
import { call } from '../support/http';
import { newIdNumber, newPhone } from '../support/ids';
import { grantRole } from '../support/roles';
import { startTestApp, type TestApp } from '../support/testApp';

let app: TestApp;
let pii: Pii;
beforeAll(async () => {
  app = await startTestApp();
  pii = createPii(app.config.piiKey, app.config.blindIndexKey);
});
afterAll(() => app.close());
beforeEach(() => app.reset());

const PLACE = { type: 'community', name: '幸福里小区', address: '北京市朝阳区幸福路 1 号', district: '110105' };

async function placeWithStaff() {
  const op = await loginBySms(app.url);
  await grantRole(app, op.phone, 'operator');
  const made = await call(app.url, 'POST', '/api/venues', PLACE, { token: op.token });
  expect(made.status).toBe(201);
  const guard = await loginBySms(app.url);
  await grantRole(app, guard.phone, 'venue-staff', made.body.id);
  return { op, venueId: made.body.id as string, guard };
}

const rows = async (venueId: string) => (await app.db.query<any[]>('SELECT * FROM unregistered_visitors WHERE venue_id = ?', [venueId]))[0];
const visits = async (venueId: string) =>
  (await app.db.query<any[]>('SELECT person_id, holder, color, via, recorded_by FROM visits WHERE venue_id = ?', [venueId]))[0];
const counted = async (metric: string, day: string) =>
  Number(
    (
      await app.db.query<any[]>("SELECT COALESCE(SUM(value), 0) AS n FROM stats_daily WHERE metric = ? AND dimension = 'community' AND day = ?", [metric, day])
    )[0][0].n,
  );

describe('recording a visitor who is not registered', () => {
  it('when the place’s guard records one, then it is stored encrypted, logged as a visit of the place, counted as a staff scan, and answered masked', async () => {
    const { venueId, guard } = await placeWithStaff();
    const idNumber = newIdNumber('19500101');
    const phone = newPhone();
    const day = chinaDate(app.clock.now());
    const before = { scans: await counted('scans', day), staff: await counted('staffScans', day) };

    const res = await call(
      app.url,
      'POST',
      `/api/venues/${venueId}/unregistered-visits`,
      { name: ' 赵铁柱 ', idNumber, phone, note: '送快递，无智能手机' },
      { token: guard.token },
    );
    expect(res.status, JSON.stringify(res.body)).toBe(201);
    expect(res.body).toMatchObject({
      venueId,
      holder: { name: '赵*柱' },
      idNumber: `${idNumber.slice(0, 6)}********${idNumber.slice(-4)}`,
      phone: `${phone.slice(0, 3)}****${phone.slice(-4)}`,
    });
    expect(JSON.stringify(res.body)).not.toContain(idNumber);

    const [row] = await rows(venueId);
    expect(row).toBeDefined();
    // Nothing in the clear: not the ID number, the phone, the name or the note.
    const stored = Object.values(row)
      .map((v) => (Buffer.isBuffer(v) ? v.toString('latin1') + v.toString('utf8') : String(v)))
      .join('|');
    for (const plain of [idNumber, phone, '赵铁柱', '送快递']) expect(stored).not.toContain(plain);
    expect(pii.decrypt('id_number', row.id_number_enc)).toBe(idNumber);
    expect(pii.decrypt('name', row.name_enc)).toBe('赵铁柱');
    expect(pii.decrypt('phone', row.phone_enc)).toBe(phone);
    expect(pii.decrypt('note', row.note_enc)).toBe('送快递，无智能手机');
    expect(Buffer.compare(row.id_hash, pii.blindIndex('id_number', idNumber))).toBe(0);

    expect(await visits(venueId)).toEqual([{ person_id: null, holder: '赵*柱', color: 'none', via: 'unregistered', recorded_by: String(guard.userId) }]);
    expect(await counted('scans', day)).toBe(before.scans + 1);
    expect(await counted('staffScans', day)).toBe(before.staff + 1);
  });

  it('when the request is malformed, then it is a 400 JSON error and nothing is written', async () => {
    const { venueId, guard } = await placeWithStaff();
    const good = { name: '赵铁柱', idNumber: newIdNumber(), phone: newPhone() };
    const bad: [unknown, string][] = [
      [{ ...good, idNumber: '11010519500101' }, 'INVALID_ID_NUMBER'],
      [{ ...good, phone: '12345' }, 'INVALID_PHONE'],
      [{ ...good, name: '' }, 'INVALID_REQUEST'],
      [{ ...good, note: 'x'.repeat(201) }, 'INVALID_REQUEST'],
      [{ ...good, extra: 1 }, 'INVALID_REQUEST'],
      [{ name: '赵铁柱' }, 'INVALID_REQUEST'],
    ];
    for (const [body, code] of bad) {
      const res = await call(app.url, 'POST', `/api/venues/${venueId}/unregistered-visits`, body, { token: guard.token });
      expect({ status: res.status, code: res.body?.error?.code, hasMessage: typeof res.body?.error?.message }, JSON.stringify(body)).toEqual({
        status: 400,
        code,
        hasMessage: 'string',
      });
    }
    expect(await rows(venueId)).toEqual([]);
    expect(await visits(venueId)).toEqual([]);
  });

  it('when staff of another place, an operator or a resident try, then they are told there is no such place and nothing is written', async () => {
    const { venueId, op } = await placeWithStaff();
    const other = await placeWithStaff();
    const resident = await loginBySms(app.url);
    const body = { name: '赵铁柱', idNumber: newIdNumber(), phone: newPhone() };
    for (const token of [other.guard.token, op.token, resident.token]) {
      const res = await call(app.url, 'POST', `/api/venues/${venueId}/unregistered-visits`, body, { token });
      expect({ status: res.status, code: res.body?.error?.code }).toEqual({ status: 404, code: 'NOT_FOUND' });
    }
    const anonymous = await call(app.url, 'POST', `/api/venues/${venueId}/unregistered-visits`, body);
    expect(anonymous.status).toBe(401);
    expect(await rows(venueId)).toEqual([]);
    expect(await visits(venueId)).toEqual([]);
  });

  it('when the retention period has passed, then the visitor is deleted with their visit', async () => {
    const { venueId, guard } = await placeWithStaff();
    const body = { name: '赵铁柱', idNumber: newIdNumber(), phone: newPhone() };
    expect((await call(app.url, 'POST', `/api/venues/${venueId}/unregistered-visits`, body, { token: guard.token })).status).toBe(201);
    app.clock.advance(27 * 86400_000);
    await deleteOldVisits({ db: app.db, clock: app.clock, retentionDays: 28 });
    expect(await rows(venueId)).toHaveLength(1);
    app.clock.advance(2 * 86400_000);
    await deleteOldVisits({ db: app.db, clock: app.clock, retentionDays: 28 });
    expect(await rows(venueId)).toEqual([]);
    expect(await visits(venueId)).toEqual([]);
  });
});

const NORMAL = { temperature: 'normal', symptoms: [], visitedAreas: [], contact: 'none', address: { district: '110105', detail: '幸福路 1 号' } };

describe('the shift’s record', () => {
  it('when the guard asks for today’s scans, then they get the place’s visits of the China day, newest first, masked, with the count; not other days’ or places’', async () => {
    const { venueId, guard } = await placeWithStaff();
    const other = await placeWithStaff();
    const resident = await registerResident(app.url, { name: '王小明' });
    expect((await call(app.url, 'POST', '/api/me/checkins', NORMAL, { token: resident.token })).status).toBe(201);
    const qr = (await call(app.url, 'GET', '/api/me/code', undefined, { token: resident.token })).body.qr;
    expect((await call(app.url, 'POST', '/api/scans', { venueId, qr }, { token: guard.token })).status).toBe(201);
    expect((await call(app.url, 'POST', '/api/scans', { venueId: other.venueId, qr }, { token: other.guard.token })).status).toBe(201);
    await app.drainVisits();
    app.clock.advance(60_000);
    const idNumber = newIdNumber();
    const visitor = { name: '赵铁柱', idNumber, phone: newPhone() };
    expect((await call(app.url, 'POST', `/api/venues/${venueId}/unregistered-visits`, visitor, { token: guard.token })).status).toBe(201);
    // Yesterday's visit at this place (China day): not today's.
    const yesterday = new Date(new Date(`${chinaDate(app.clock.now())}T00:00:00+08:00`).getTime() - 60_000);
    await app.db.query(
      "INSERT INTO visits (venue_id, person_id, holder, color, via, recorded_by, flagged, verified_offline, at, stream_id) VALUES (?, NULL, '钱*', 'green', 'staff-scan', NULL, 0, 0, ?, 'old-1')",
      [venueId, yesterday],
    );

    const res = await call(app.url, 'GET', `/api/venues/${venueId}/scans/today`, undefined, { token: guard.token });
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    expect(res.body.day).toBe(chinaDate(app.clock.now()));
    expect(res.body.count).toBe(2);
    expect(res.body.scans.map((s: any) => ({ holder: s.holder, issuer: s.issuer, color: s.color, via: s.via }))).toEqual([
      { holder: { name: '赵*柱' }, issuer: null, color: null, via: 'unregistered' },
      { holder: { name: '王*明' }, issuer: null, color: 'green', via: 'scan' },
    ]);
    expect(JSON.stringify(res.body)).not.toContain(idNumber);
    expect(JSON.stringify(res.body)).not.toContain('王小明');
  });

  it('lists at most 100 but counts them all', async () => {
    const { venueId, guard } = await placeWithStaff();
    const at = app.clock.now();
    const values = Array.from({ length: 105 }, (_, i) => [venueId, null, '钱*', 'green', 'staff-scan', null, 0, 0, at, `bulk-${i}`]);
    await app.db.query('INSERT INTO visits (venue_id, person_id, holder, color, via, recorded_by, flagged, verified_offline, at, stream_id) VALUES ?', [
      values,
    ]);
    const res = await call(app.url, 'GET', `/api/venues/${venueId}/scans/today`, undefined, { token: guard.token });
    expect(res.status).toBe(200);
    expect(res.body.count).toBe(105);
    expect(res.body.scans).toHaveLength(100);
  });

  it('when staff of another place, an operator or a resident ask, then they are told there is no such place', async () => {
    const { venueId, op } = await placeWithStaff();
    const other = await placeWithStaff();
    const resident = await loginBySms(app.url);
    for (const token of [other.guard.token, op.token, resident.token]) {
      const res = await call(app.url, 'GET', `/api/venues/${venueId}/scans/today`, undefined, { token });
      expect({ status: res.status, code: res.body?.error?.code }).toEqual({ status: 404, code: 'NOT_FOUND' });
    }
    expect((await call(app.url, 'GET', `/api/venues/${venueId}/scans/today`)).status).toBe(401);
  });
});
