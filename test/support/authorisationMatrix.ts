/**
 * The callers and fixtures of the authorisation matrix (test/integration/authorisationMatrix.test.ts,
 * docs/decisions/0018): one account per caller, each a registered, verified resident (so
 * `REGISTRATION_REQUIRED` never stands in for an authorisation answer), and the resources the
 * matrix points at, each with an owner in scope and one out of scope.
 */
import type { RowDataPacket } from 'mysql2';
import { expect } from 'vitest';
import { FEED_PATHS, feedLine, feedRequestHeaders, ndjson, type FeedKind } from './feed';
import { loginBySms, registerResident } from './flows';
import { CITY_GRIDS, importGrids } from './grids';
import { call, newIp, type Reply } from './http';
import { newIdNumber } from './ids';
import { grantRole } from './roles';
import type { TestApp } from './testApp';

/** Who calls. `resident` owns the resources a resident may own (relatives, a paper code, a
 * verification, a filer); `otherResident` is a resident too, asking for those. Scoped roles
 * come in pairs: A is the scope of the fixtures the requests name, B another one. */
export const CALLERS = [
  'anonymous',
  'resident',
  'otherResident',
  'staffA',
  'staffB',
  'workerA',
  'workerB',
  'authorityA',
  'authorityB',
  'operator',
  'admin',
  'feed',
] as const;
export type Caller = (typeof CALLERS)[number];
/** Callers without a session: `feed` signs its request as the provincial platform does. */
export const SESSIONLESS: readonly Caller[] = ['anonymous', 'feed'];

/** District, street and community of scope A (the fixtures'), and district B. */
export const DISTRICT_A = '110105';
export const DISTRICT_B = '110106';
export const COMMUNITY_A = '110105001001';

export const CHECKIN_A = {
  temperature: 'normal',
  symptoms: [] as string[],
  visitedAreas: [] as string[],
  contact: 'none',
  address: { district: DISTRICT_A, community: COMMUNITY_A, detail: '幸福路 1 号' },
};

export interface Account {
  token: string;
  /** A second session of the same account, for the logout route. */
  spareToken: string;
  userId: string;
  phone: string;
  idNumber: string;
}

export interface Fixtures {
  accounts: Record<Exclude<Caller, 'anonymous' | 'feed'>, Account>;
  placeA: { id: string; placeCode: string };
  placeB: { id: string; placeCode: string };
  /** The resident's person id (in grid A through their check-in). */
  residentPersonId: string;
  /** The resident's own verification (completed). */
  verificationId: string;
  /** Relatives the resident files for: one to use, one to stop filing for. */
  dependentId: string;
  spareDependentId: string;
  /** A filing of someone else (not a caller) for the resident. */
  filingForResidentId: string;
  /** The resident's own paper code. */
  paperCode: { id: string; qr: string };
  /** A QR of the resident's on-screen code. */
  codeQr: string;
  /** A mark of district A. */
  markId: string;
  /** A conversion request pending with grid A's workers (of someone who is not a caller). */
  conversionRequestId: string;
  /** A risk area of district A, in effect. */
  riskAreaId: string;
}

async function simpleLogin(app: TestApp, phone: string, idNumber: string): Promise<string> {
  const res = await call(app.url, 'POST', '/api/auth/sessions', { method: 'simple', phone, idLast4: idNumber.slice(-4) }, { ip: newIp() });
  expect(res.status).toBe(201);
  return res.body.token;
}

async function account(app: TestApp, who: { name?: string; idNumber?: string } = {}): Promise<Account> {
  const r = await registerResident(app.url, who);
  return { token: r.token, spareToken: await simpleLogin(app, r.phone, r.idNumber), userId: r.userId, phone: r.phone, idNumber: r.idNumber };
}

export async function setUpFixtures(app: TestApp): Promise<Fixtures> {
  expect((await importGrids(app, CITY_GRIDS)).code).toBe(0);
  const ok = (res: Reply, status: number) => {
    expect(res.status, JSON.stringify(res.body)).toBe(status);
    return res.body;
  };

  // The resident: someone (not a caller) filed for them before they registered, so they have a
  // filer; they verify themselves here to keep the verification's id.
  const filer = await registerResident(app.url, { name: '李大姐' });
  const residentId = { name: '王小明', idNumber: newIdNumber() };
  ok(await call(app.url, 'POST', '/api/dependents', { ...residentId, relation: 'child', consent: true }, { token: filer.token }), 201);
  const session = await loginBySms(app.url);
  const started = ok(await call(app.url, 'POST', '/api/me/identity/verifications', { ...residentId, channel: 'h5' }, { token: session.token }), 201);
  ok(await call(app.url, 'POST', `/api/me/identity/verifications/${started.id}/result`, {}, { token: session.token }), 200);
  const resident: Account = {
    token: session.token,
    spareToken: await simpleLogin(app, session.phone, residentId.idNumber),
    userId: session.userId,
    phone: session.phone,
    idNumber: residentId.idNumber,
  };

  const [otherResident, staffA, staffB, workerA, workerB, authorityA, authorityB, operator, admin] = await Promise.all(
    Array.from({ length: 9 }, () => account(app)),
  );
  await grantRole(app, operator.phone, 'operator');
  await grantRole(app, admin.phone, 'admin');
  await grantRole(app, workerA.phone, 'community-worker', DISTRICT_A);
  await grantRole(app, workerB.phone, 'community-worker', DISTRICT_B);
  await grantRole(app, authorityA.phone, 'authority', DISTRICT_A);
  await grantRole(app, authorityB.phone, 'authority', DISTRICT_B);

  const place = async (district: string, name: string) =>
    ok(await call(app.url, 'POST', '/api/venues', { type: 'public', name, address: '幸福路 1 号院', district }, { token: operator.token }), 201);
  const placeA = await place(DISTRICT_A, '朝阳图书馆');
  const placeB = await place(DISTRICT_B, '丰台图书馆');
  // Place A shows a rotating code, so its rotating-code route has something to answer.
  ok(await call(app.url, 'PATCH', `/api/venues/${placeA.id}`, { rotating: true }, { token: operator.token }), 200);
  await grantRole(app, staffA.phone, 'venue-staff', placeA.id);
  await grantRole(app, staffB.phone, 'venue-staff', placeB.id);

  // The resident lives in grid A, files for two relatives, prints a paper code, shows a code.
  ok(await call(app.url, 'POST', '/api/me/checkins', CHECKIN_A, { token: resident.token }), 201);
  const [[row]] = await app.db.query<RowDataPacket[]>('SELECT person_id FROM users WHERE id = ?', [resident.userId]);
  const relative = () => ({ name: '王老汉', idNumber: newIdNumber('19450301'), relation: 'parent', consent: true });
  const dependent = ok(await call(app.url, 'POST', '/api/dependents', relative(), { token: resident.token }), 201);
  const spareDependent = ok(await call(app.url, 'POST', '/api/dependents', relative(), { token: resident.token }), 201);
  const filers = ok(await call(app.url, 'GET', '/api/me/filers', undefined, { token: resident.token }), 200);
  expect(filers.filers).toHaveLength(1);
  const paperCode = ok(await call(app.url, 'POST', '/api/me/paper-codes', {}, { token: resident.token }), 201);
  const code = ok(await call(app.url, 'GET', '/api/me/code', undefined, { token: resident.token }), 200);

  const mark = ok(
    await call(
      app.url,
      'POST',
      '/api/marks',
      { idNumber: newIdNumber(), color: 'yellow', reason: 'CLOSE_CONTACT', legalBasis: '《传染病防治法》第三十九条' },
      { token: authorityA.token },
    ),
    201,
  );
  expect(mark.district).toBe(DISTRICT_A);
  const area = ok(
    await call(
      app.url,
      'POST',
      '/api/risk-areas',
      { code: DISTRICT_A, name: '朝阳区某街道', level: 'medium', effectiveFrom: new Date(app.clock.now().getTime() - 60_000).toISOString() },
      { token: operator.token },
    ),
    201,
  );

  // Someone of grid A declares a fever and asks for a review: pending with grid A's workers.
  const subject = await registerResident(app.url);
  ok(await call(app.url, 'POST', '/api/me/checkins', { ...CHECKIN_A, temperature: 38.5 }, { token: subject.token }), 201);
  const conversion = ok(await call(app.url, 'POST', '/api/me/conversion-requests', { reason: '体温计坏了' }, { token: subject.token }), 201);
  expect(conversion.status).toBe('pending');

  return {
    accounts: { resident, otherResident, staffA, staffB, workerA, workerB, authorityA, authorityB, operator, admin },
    placeA: { id: placeA.id, placeCode: placeA.placeCode },
    placeB: { id: placeB.id, placeCode: placeB.placeCode },
    residentPersonId: String(row.person_id),
    verificationId: started.id,
    dependentId: dependent.id,
    spareDependentId: spareDependent.id,
    filingForResidentId: filers.filers[0].id,
    paperCode: { id: paperCode.id, qr: paperCode.qr },
    codeQr: code.qr,
    markId: mark.id,
    conversionRequestId: conversion.id,
    riskAreaId: area.id,
  };
}

/** One request of the matrix. `json` is sent as JSON; `raw` as is, with its content type. */
export interface MatrixRequest {
  method: string;
  path: string;
  json?: unknown;
  raw?: { body: string; contentType: string };
  /** Use the caller's spare session (the request ends it). */
  spareSession?: boolean;
}

/** Sends `req` as `caller`: with their session, or none; the feed signs the body it sends. */
export function callAs(app: TestApp, f: Fixtures, caller: Caller, req: MatrixRequest): Promise<Reply> {
  const body = req.raw?.body ?? (req.json === undefined ? '' : JSON.stringify(req.json));
  const headers: Record<string, string> = {};
  if (req.raw) headers['content-type'] = req.raw.contentType;
  else if (req.json !== undefined) headers['content-type'] = 'application/json';
  if (caller === 'feed') {
    // The feed signs with a key of the route's own kind (each kind has its own feeds).
    const kind = (Object.keys(FEED_PATHS) as FeedKind[]).find((k) => FEED_PATHS[k] === req.path) ?? 'provincial';
    const signed = feedRequestHeaders(app, body, { kind });
    delete signed['content-length'];
    delete signed['content-type'];
    Object.assign(headers, signed);
  }
  const acct = caller === 'anonymous' || caller === 'feed' ? undefined : f.accounts[caller];
  const token = acct && (req.spareSession ? acct.spareToken : acct.token);
  return call(app.url, req.method, req.path, undefined, { token, ip: newIp(), headers, rawBody: body === '' ? undefined : body });
}

/** One-line batches of the health-record feeds, for a new person each time. */
export const nucleicAcidBatch = (app: TestApp) => {
  const at = new Date(app.clock.now().getTime() - 3600_000).toISOString();
  return ndjson([
    JSON.stringify({
      idNumber: newIdNumber('19700101'),
      sampleId: 'M1',
      sampledAt: at,
      result: 'negative',
      institution: '社区采样点',
      lab: '检验中心',
      reportedAt: at,
      region: '北京市',
      version: 1,
    }),
  ]);
};
export const vaccinationBatch = () =>
  ndjson([
    JSON.stringify({ idNumber: newIdNumber('19700101'), dose: 1, date: '2021-05-01', product: '灭活疫苗', site: '社区接种点', region: '北京市', version: 1 }),
  ]);

/** A signed-able batch of one line (the feed's request). */
export const feedBatch = (app: TestApp) => ndjson([feedLine(app, { idNumber: newIdNumber('19700101'), color: 'green', version: 1 })]);
