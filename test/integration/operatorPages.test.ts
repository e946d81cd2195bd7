/**
 * The routes the operator pages added (issue 12, docs/decisions/0023-operator-pages.md): the
 * place registry's list, ending a risk area, an authority's list of marks, role grants from
 * the pages; and which pages `GET /api/ops/pages` offers each role. Refusals write nothing.
 */
import type { RowDataPacket } from 'mysql2';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { CITY_GRIDS, importGrids } from '../support/grids';
import { loginBySms, registerResident } from '../support/flows';
import { call } from '../support/http';
import { newIdNumber, newPhone } from '../support/ids';
import { grantRole } from '../support/roles';
import { startTestApp, type TestApp } from '../support/testApp';

let app: TestApp;
beforeAll(async () => {
  app = await startTestApp({ env: { SESSION_TTL_SECONDS: String(30 * 86400) } });
});
afterAll(() => app.close());
beforeEach(() => app.reset());

const A = '110105';
const B = '110106';
const MARK = { color: 'red', reason: 'CLOSE_CONTACT', note: '同乘 K123 次列车', legalBasis: '《传染病防治法》第三十九条' };
const get = (path: string, token?: string) => call(app.url, 'GET', path, undefined, { token });
const count = async (table: string) => {
  const [[row]] = await app.adminDb.query<RowDataPacket[]>(`SELECT COUNT(*) AS n FROM \`${table}\``);
  return Number(row.n);
};
const errorOf = (status: number, code: string) => ({ status, body: { error: { code, message: expect.any(String) } } });

async function withRole(role: string, scope?: string) {
  const who = await loginBySms(app.url);
  await grantRole(app, who.phone, role, scope);
  return who;
}

describe('GET /api/venues: the registry, a page at a time', () => {
  it('when an operator lists places, then every district’s come newest first, paged, filtered by district and name', async () => {
    const op = await withRole('operator');
    const made: string[] = [];
    for (const [i, district] of [A, B, A].entries()) {
      const res = await call(app.url, 'POST', '/api/venues', { type: 'public', name: `图书馆_${i}%`, address: '幸福路 1 号院', district }, { token: op.token });
      expect(res.status).toBe(201);
      made.push(res.body.id);
    }
    const all = await get('/api/venues', op.token);
    expect(all.status).toBe(200);
    expect(all.body.venues.map((v: { id: string }) => v.id)).toEqual([...made].reverse());
    expect(all.body.venues[0]).toEqual({
      id: made[2],
      placeCode: expect.stringMatching(/^[A-Za-z0-9]{10}$/),
      type: 'public',
      name: '图书馆_2%',
      address: '幸福路 1 号院',
      district: A,
      active: true,
      rotating: false,
      requiredTestHours: null,
    });
    expect(all.body.nextCursor).toBeNull();

    const first = await get('/api/venues?limit=2', op.token);
    expect(first.body.venues).toHaveLength(2);
    const second = await get(`/api/venues?limit=2&cursor=${first.body.nextCursor}`, op.token);
    expect(second.body).toMatchObject({ venues: [{ id: made[0] }], nextCursor: null });

    expect((await get(`/api/venues?district=${B}`, op.token)).body.venues.map((v: { id: string }) => v.id)).toEqual([made[1]]);
    // LIKE's wildcards are taken literally: "_1%" is one place's name, not a pattern.
    expect((await get(`/api/venues?q=${encodeURIComponent('_1%')}`, op.token)).body.venues.map((v: { id: string }) => v.id)).toEqual([made[1]]);
  });

  it('when the query is malformed, then 400 INVALID_REQUEST; when a resident or an authority asks, then 403', async () => {
    const op = await withRole('operator');
    for (const q of ['limit=0', 'limit=101', 'cursor=abc', 'district=999999', 'other=1']) {
      expect(await get(`/api/venues?${q}`, op.token), q).toMatchObject(errorOf(400, 'INVALID_REQUEST'));
    }
    const resident = await registerResident(app.url);
    expect(await get('/api/venues', resident.token)).toMatchObject(errorOf(403, 'FORBIDDEN'));
    expect(await get('/api/venues', (await withRole('authority', A)).token)).toMatchObject(errorOf(403, 'FORBIDDEN'));
    expect(await get('/api/venues')).toMatchObject(errorOf(401, 'UNAUTHENTICATED'));
  });
});

describe('PATCH /api/risk-areas/:id: ending a risk area', () => {
  it('when an operator ends an area now, then it leaves the public list; ending it again is 409 RISK_AREA_ENDED', async () => {
    const op = await withRole('operator');
    const from = new Date(app.clock.now().getTime() - 3600_000).toISOString();
    const made = await call(app.url, 'POST', '/api/risk-areas', { code: A, name: '朝阳区某小区', level: 'high', effectiveFrom: from }, { token: op.token });
    expect(made.status).toBe(201);
    const listed = (await get('/api/risk-areas')).body.areas;
    expect(listed).toEqual([
      { id: made.body.id, code: A, name: '朝阳区某小区', level: 'high', effectiveFrom: from.replace(/\.\d+Z$/, '.000Z'), effectiveTo: null },
    ]);

    const now = app.clock.now().toISOString();
    const ended = await call(app.url, 'PATCH', `/api/risk-areas/${made.body.id}`, { effectiveTo: now }, { token: op.token });
    expect(ended).toMatchObject({ status: 200, body: { id: made.body.id, effectiveTo: now } });
    expect((await get('/api/risk-areas')).body.areas).toEqual([]);
    expect(await call(app.url, 'PATCH', `/api/risk-areas/${made.body.id}`, { effectiveTo: now }, { token: op.token })).toMatchObject(
      errorOf(409, 'RISK_AREA_ENDED'),
    );
  });

  it('when the end is malformed, before the start, or the area unknown, then 400/404; a resident is refused and nothing changes', async () => {
    const op = await withRole('operator');
    const from = app.clock.now().toISOString();
    const made = await call(app.url, 'POST', '/api/risk-areas', { code: A, name: '朝阳区某小区', level: 'medium', effectiveFrom: from }, { token: op.token });
    const end = (id: string, body: unknown, token = op.token) => call(app.url, 'PATCH', `/api/risk-areas/${id}`, body, { token });
    expect(await end(made.body.id, {})).toMatchObject(errorOf(400, 'INVALID_REQUEST'));
    expect(await end(made.body.id, { effectiveTo: 'tomorrow' })).toMatchObject(errorOf(400, 'INVALID_REQUEST'));
    expect(await end(made.body.id, { effectiveTo: new Date(Date.parse(from) - 1000).toISOString() })).toMatchObject(errorOf(400, 'INVALID_REQUEST'));
    expect(await end('999999', { effectiveTo: from })).toMatchObject(errorOf(404, 'NOT_FOUND'));
    const resident = await registerResident(app.url);
    expect(await end(made.body.id, { effectiveTo: new Date().toISOString() }, resident.token)).toMatchObject(errorOf(403, 'FORBIDDEN'));
    const [[row]] = await app.adminDb.query<RowDataPacket[]>('SELECT effective_to FROM risk_areas WHERE id = ?', [made.body.id]);
    expect(row.effective_to).toBeNull();
  });
});

describe('GET /api/marks: an authority’s marks', () => {
  it('when authorities of A and B and the city list marks, then each sees its districts’ only, the person masked; an admin sees all', async () => {
    const [a, b] = [await withRole('authority', A), await withRole('authority', B)];
    const city = await withRole('authority', '110100');
    const boss = await withRole('admin');
    const idA = newIdNumber();
    const markA = await call(app.url, 'POST', '/api/marks', { ...MARK, idNumber: idA }, { token: a.token });
    const markB = await call(app.url, 'POST', '/api/marks', { ...MARK, color: 'yellow', idNumber: newIdNumber() }, { token: b.token });
    expect([markA.status, markB.status]).toEqual([201, 201]);
    const ids = async (token: string, q = '') => (await get(`/api/marks${q}`, token)).body.marks.map((m: { id: string }) => m.id);

    const listA = await get('/api/marks', a.token);
    expect(listA).toMatchObject({ status: 200, body: { nextCursor: null } });
    expect(listA.body.marks).toEqual([
      {
        id: markA.body.id,
        person: `${idA.slice(0, 6)}********${idA.slice(-4)}`,
        district: A,
        color: 'red',
        reason: 'CLOSE_CONTACT',
        note: MARK.note,
        legalBasis: MARK.legalBasis,
        setAt: app.clock.now().toISOString(),
        expiresAt: null,
        liftedAt: null,
        liftReason: null,
        active: true,
      },
    ]);
    expect(JSON.stringify(listA.body)).not.toContain(idA);
    expect(await ids(b.token)).toEqual([markB.body.id]);
    expect(await ids(city.token)).toEqual([markB.body.id, markA.body.id]);
    expect(await ids(boss.token)).toEqual([markB.body.id, markA.body.id]);
    expect(await ids(city.token, `?district=${B}`)).toEqual([markB.body.id]);

    // A names B: refused, not an empty list.
    expect(await get(`/api/marks?district=${B}`, a.token)).toMatchObject(errorOf(403, 'FORBIDDEN'));
    // And B cannot lift A's mark, which stays in force.
    expect(await call(app.url, 'DELETE', `/api/marks/${markA.body.id}`, { reason: '隔离期满，检测阴性' }, { token: b.token })).toMatchObject(
      errorOf(403, 'FORBIDDEN'),
    );
    expect(await ids(a.token, '?active=true')).toEqual([markA.body.id]);

    // A lifts it: the list says when and why.
    expect((await call(app.url, 'DELETE', `/api/marks/${markA.body.id}`, { reason: '隔离期满，检测阴性' }, { token: a.token })).status).toBe(204);
    expect((await get('/api/marks', a.token)).body.marks[0]).toMatchObject({
      active: false,
      liftedAt: app.clock.now().toISOString(),
      liftReason: '隔离期满，检测阴性',
    });
    expect(await ids(a.token, '?active=true')).toEqual([]);
    expect(await ids(a.token, '?active=false')).toEqual([markA.body.id]);
  });

  it('when a mark predates the masked column, then the person comes masked from their record; malformed queries are 400; others 403', async () => {
    const a = await withRole('authority', A);
    const r = await registerResident(app.url);
    const mark = await call(app.url, 'POST', '/api/marks', { ...MARK, idNumber: r.idNumber }, { token: a.token });
    await app.adminDb.query('UPDATE marks SET id_masked = NULL WHERE id = ?', [mark.body.id]);
    expect((await get('/api/marks', a.token)).body.marks[0].person).toBe(`${r.idNumber.slice(0, 6)}********${r.idNumber.slice(-4)}`);
    for (const q of ['active=yes', 'cursor=x', 'district=12', 'page=2'])
      expect(await get(`/api/marks?${q}`, a.token), q).toMatchObject(errorOf(400, 'INVALID_REQUEST'));
    expect(await get('/api/marks', (await withRole('operator')).token)).toMatchObject(errorOf(403, 'FORBIDDEN'));
    expect(await get('/api/marks', r.token)).toMatchObject(errorOf(403, 'FORBIDDEN'));
  });
});

describe('role grants from the pages', () => {
  const grants = (token: string, q = '') => get(`/api/grants${q}`, token);
  const grant = (token: string, body: unknown) => call(app.url, 'POST', '/api/grants', body, { token });
  const revoke = (token: string, body: unknown) => call(app.url, 'DELETE', '/api/grants', body, { token });
  const rolesOf = async (userId: string) => {
    const [rows] = await app.adminDb.query<RowDataPacket[]>('SELECT role, scope FROM user_roles WHERE user_id = ? ORDER BY role', [userId]);
    return rows.map((r) => `${r.role}:${r.scope}`);
  };

  it('when an admin grants and revokes, then the account’s roles change at once and each change is logged with who did it', async () => {
    expect((await importGrids(app, CITY_GRIDS)).code).toBe(0);
    const boss = await withRole('admin');
    const person = await registerResident(app.url, { name: '王小明' });
    const place = await call(
      app.url,
      'POST',
      '/api/venues',
      { type: 'public', name: '朝阳图书馆', address: '幸福路 1 号院', district: A },
      { token: boss.token },
    );
    for (const [role, scope] of [
      ['operator', ''],
      ['authority', A],
      ['community-worker', '110105001001'],
      ['venue-staff', place.body.id],
    ]) {
      expect(await grant(boss.token, { phone: person.phone, role, scope }), role).toMatchObject({
        status: 201,
        body: { userId: person.userId, phone: `${person.phone.slice(0, 3)}****${person.phone.slice(-4)}`, role, scope },
      });
    }
    // Held already: 200, nothing logged twice.
    expect((await grant(boss.token, { phone: person.phone, role: 'operator' })).status).toBe(200);
    expect(await rolesOf(person.userId)).toEqual(['authority:110105', 'community-worker:110105001001', 'operator:', `venue-staff:${place.body.id}`]);
    // The new operator's pages, at once.
    expect((await get('/api/ops/pages', person.token)).body.pages).toEqual(['stats', 'grid', 'conversions', 'places', 'riskAreas', 'marks']);

    const listed = await grants(boss.token, `?phone=${person.phone}`);
    expect(listed.status).toBe(200);
    expect(listed.body.grants).toHaveLength(4);
    expect(listed.body.grants).toContainEqual({
      userId: person.userId,
      phone: `${person.phone.slice(0, 3)}****${person.phone.slice(-4)}`,
      name: '王*明',
      role: 'authority',
      scope: A,
      grantedAt: app.clock.now().toISOString(),
      revocable: true,
    });
    expect(JSON.stringify(listed.body)).not.toContain(person.phone);
    const everyone = (await grants(boss.token)).body.grants;
    expect(everyone).toContainEqual(expect.objectContaining({ userId: boss.userId, role: 'admin', revocable: false }));

    expect((await revoke(boss.token, { userId: person.userId, role: 'authority', scope: A })).status).toBe(204);
    expect(await rolesOf(person.userId)).not.toContain('authority:110105');
    expect(await revoke(boss.token, { userId: person.userId, role: 'authority', scope: A })).toMatchObject(errorOf(404, 'GRANT_NOT_FOUND'));

    const [log] = await app.adminDb.query<RowDataPacket[]>('SELECT user_id, role, scope, action, via, by_user_id FROM role_grant_log ORDER BY id');
    const pageLog = log.filter((l) => l.via === 'page').map((l) => [String(l.user_id), l.role, l.scope, l.action, String(l.by_user_id)]);
    expect(pageLog).toEqual([
      [person.userId, 'operator', '', 'grant', boss.userId],
      [person.userId, 'authority', A, 'grant', boss.userId],
      [person.userId, 'community-worker', '110105001001', 'grant', boss.userId],
      [person.userId, 'venue-staff', place.body.id, 'grant', boss.userId],
      [person.userId, 'authority', A, 'revoke', boss.userId],
    ]);
    // The command line's grant of admin (withRole) is in the log too, with no account behind it.
    expect(log.filter((l) => l.via === 'cli').map((l) => [String(l.user_id), l.role, l.action, l.by_user_id])).toEqual([[boss.userId, 'admin', 'grant', null]]);
  });

  it('when admin is granted or revoked from the pages, then 403 ROLE_CLI_ONLY and nothing is written', async () => {
    const boss = await withRole('admin');
    const other = await withRole('admin');
    const person = await loginBySms(app.url);
    const logged = await count('role_grant_log');
    expect(await grant(boss.token, { phone: person.phone, role: 'admin' })).toMatchObject(errorOf(403, 'ROLE_CLI_ONLY'));
    expect(await revoke(boss.token, { userId: other.userId, role: 'admin', scope: '' })).toMatchObject(errorOf(403, 'ROLE_CLI_ONLY'));
    expect(await rolesOf(person.userId)).toEqual([]);
    expect(await rolesOf(other.userId)).toEqual(['admin:']);
    expect(await count('role_grant_log')).toBe(logged);
  });

  it('when a scope does not fit its role, the phone is unknown or the body malformed, then 400/404 and nothing is written', async () => {
    const boss = await withRole('admin');
    const person = await loginBySms(app.url);
    const before = { roles: await count('user_roles'), log: await count('role_grant_log') };
    for (const [role, scope] of [
      ['operator', A],
      ['authority', ''],
      ['authority', '999999'],
      ['community-worker', '110105001001'], // no grid list imported
      ['venue-staff', '424242'],
      ['venue-staff', 'abc'],
    ]) {
      expect(await grant(boss.token, { phone: person.phone, role, scope }), `${role} ${scope}`).toMatchObject(errorOf(400, 'INVALID_SCOPE'));
    }
    expect(await grant(boss.token, { phone: newPhone(), role: 'operator' })).toMatchObject(errorOf(404, 'ACCOUNT_NOT_FOUND'));
    expect(await grant(boss.token, { phone: '123', role: 'operator' })).toMatchObject(errorOf(400, 'INVALID_PHONE'));
    expect(await grant(boss.token, { phone: person.phone, role: 'mayor' })).toMatchObject(errorOf(400, 'INVALID_REQUEST'));
    expect(await grant(boss.token, { phone: person.phone, role: 'authority', scope: "11'; DROP" })).toMatchObject(errorOf(400, 'INVALID_REQUEST'));
    expect(await revoke(boss.token, { userId: 'me', role: 'operator' })).toMatchObject(errorOf(400, 'INVALID_REQUEST'));
    expect(await grants(boss.token, '?phone=12')).toMatchObject(errorOf(400, 'INVALID_PHONE'));
    expect({ roles: await count('user_roles'), log: await count('role_grant_log') }).toEqual(before);
  });

  it('when a non-admin grants, revokes or lists, then 403 FORBIDDEN and nothing is written', async () => {
    const op = await withRole('operator');
    const person = await withRole('authority', A);
    const before = { roles: await count('user_roles'), log: await count('role_grant_log') };
    for (const caller of [op, person, await registerResident(app.url)]) {
      expect(await grant(caller.token, { phone: caller.phone, role: 'operator' })).toMatchObject(errorOf(403, 'FORBIDDEN'));
      expect(await revoke(caller.token, { userId: person.userId, role: 'authority', scope: A })).toMatchObject(errorOf(403, 'FORBIDDEN'));
      expect(await grants(caller.token)).toMatchObject(errorOf(403, 'FORBIDDEN'));
    }
    expect({ roles: await count('user_roles'), log: await count('role_grant_log') }).toEqual(before);
  });
});

describe('GET /api/ops/pages: the home page’s tiles', () => {
  it('answers exactly the pages each role allows', async () => {
    expect((await importGrids(app, CITY_GRIDS)).code).toBe(0);
    const op = await withRole('operator');
    const place = await call(
      app.url,
      'POST',
      '/api/venues',
      { type: 'public', name: '朝阳图书馆', address: '幸福路 1 号院', district: A },
      { token: op.token },
    );
    const pages = async (who: { token: string }) => (await get('/api/ops/pages', who.token)).body.pages;
    expect(await pages(op)).toEqual(['stats', 'places', 'riskAreas']);
    expect(await pages(await withRole('authority', A))).toEqual(['conversions', 'marks']);
    expect(await pages(await withRole('community-worker', '110105001001'))).toEqual(['grid', 'conversions']);
    expect(await pages(await withRole('venue-staff', place.body.id))).toEqual([]);
    expect(await pages(await withRole('admin'))).toEqual(['stats', 'grid', 'conversions', 'places', 'riskAreas', 'marks', 'grants']);
    expect(await pages(await registerResident(app.url))).toEqual([]);
  });
});
