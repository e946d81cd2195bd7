/**
 * The authorisation matrix (issue 12, docs/decisions/0018): every route of the contract table
 * (shared/src/contracts/routes.ts) called as every caller, against the real app, in and out of
 * scope; each answer is classed as allowed or denied, nothing more (business outcomes are the
 * other files' business).
 *
 * Denied: 401 `UNAUTHENTICATED` (no session), or the route's own refusal of a session it does
 * not serve, 403 `FORBIDDEN` or 404 `NOT_FOUND` (where the resource's existence is not the
 * caller's to learn); a feed route's 401 `MISSING_SIGNATURE` (or `UNKNOWN_FEED` where several feeds
 * send and none is named). Allowed: any other answer but
 * a 5xx. An allowed cell may be a 4xx of the business (409 `IDENTITY_ALREADY_SET` for an
 * account that has one, 409 `MARK_ALREADY_LIFTED` once another lifted it, 400 `INVALID_CODE`):
 * the request got past authorisation, which is all a cell asserts.
 *
 * A new route fails here until it has an entry in MATRIX; so does an entry for a route gone.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PRIVACY_NOTICE_VERSION, type ErrorCode } from '@yima/shared';
import { ROUTES } from '@yima/shared/contracts/routes';
import { routeKey } from '@yima/shared/contracts/routeTypes';
import {
  CALLERS,
  CHECKIN_A,
  DISTRICT_A,
  DISTRICT_B,
  SESSIONLESS,
  callAs,
  feedBatch,
  nucleicAcidBatch,
  vaccinationBatch,
  setUpFixtures,
  type Caller,
  type Fixtures,
  type MatrixRequest,
} from '../support/authorisationMatrix';
import { newIdNumber, newPhone } from '../support/ids';
import { startTestApp, type TestApp } from '../support/testApp';

interface Refusal {
  status: 401 | 403 | 404;
  code: ErrorCode;
}
const UNAUTHENTICATED: Refusal = { status: 401, code: 'UNAUTHENTICATED' };
const FORBIDDEN: Refusal = { status: 403, code: 'FORBIDDEN' };
const NOT_FOUND: Refusal = { status: 404, code: 'NOT_FOUND' };
const MISSING_SIGNATURE: Refusal = { status: 401, code: 'MISSING_SIGNATURE' };
/** A feed route with several feeds, called without X-Feed-Id: it cannot tell whose key to check. */
const UNKNOWN_FEED: Refusal = { status: 401, code: 'UNKNOWN_FEED' };
/** Every answer that counts as a refusal, whoever gets it: an allowed cell must not get one. */
const REFUSALS = [UNAUTHENTICATED, FORBIDDEN, NOT_FOUND, MISSING_SIGNATURE, UNKNOWN_FEED];

interface Entry {
  /** Who gets past authorisation. */
  allow: readonly Caller[];
  /** What a caller with a session who is not allowed is told (default 403 FORBIDDEN). */
  refuse?: Refusal;
  /** What a caller without one is told (default 401 UNAUTHENTICATED). */
  refuseSessionless?: Refusal;
  /** The request, made afresh for each caller (fixtures in scope A). */
  request: (f: Fixtures, app: TestApp) => MatrixRequest;
}

const EVERYONE = CALLERS;
const SESSIONS = CALLERS.filter((c) => !SESSIONLESS.includes(c));
const OPERATORS: Caller[] = ['operator', 'admin'];

const get = (path: string): MatrixRequest => ({ method: 'GET', path });
const post = (path: string, json: unknown = {}): MatrixRequest => ({ method: 'POST', path, json });
const publicGet = (path: string): Entry => ({ allow: EVERYONE, request: () => get(path) });
const sessionGet = (path: string): Entry => ({ allow: SESSIONS, request: () => get(path) });
/** A relative's route: only the one who files for them; others learn nothing (404). */
const relative = (request: Entry['request']): Entry => ({ allow: ['resident'], refuse: NOT_FOUND, request });
const RANGE = '?from=2026-11-01&to=2026-11-07';

/** Keyed `METHOD path`, as ROUTES. */
const MATRIX: Record<string, Entry> = {
  // auth
  'POST /api/auth/sms-codes': { allow: EVERYONE, request: () => post('/api/auth/sms-codes', { phone: newPhone() }) },
  'POST /api/auth/sessions': {
    allow: EVERYONE,
    request: (f) => post('/api/auth/sessions', { method: 'simple', phone: f.accounts.resident.phone, idLast4: f.accounts.resident.idNumber.slice(-4) }),
  },
  'DELETE /api/auth/sessions/current': { allow: SESSIONS, request: () => ({ method: 'DELETE', path: '/api/auth/sessions/current', spareSession: true }) },

  // me — every caller with a session is registered and verified: 409s of the business here.
  'GET /api/me': sessionGet('/api/me'),
  'PATCH /api/me': { allow: SESSIONS, request: () => ({ method: 'PATCH', path: '/api/me', json: { locale: 'zh' } }) },
  'PUT /api/me/privacy-consent': {
    allow: SESSIONS,
    request: () => ({ method: 'PUT', path: '/api/me/privacy-consent', json: { version: PRIVACY_NOTICE_VERSION } }),
  },
  'PUT /api/me/identity': { allow: SESSIONS, request: () => ({ method: 'PUT', path: '/api/me/identity', json: { name: '赵六', idNumber: newIdNumber() } }) },
  'POST /api/me/identity/verifications': {
    allow: SESSIONS,
    request: () => post('/api/me/identity/verifications', { name: '赵六', idNumber: newIdNumber(), channel: 'h5' }),
  },
  'POST /api/me/identity/verifications/:id/result': {
    allow: ['resident'],
    refuse: NOT_FOUND,
    request: (f) => post(`/api/me/identity/verifications/${f.verificationId}/result`),
  },

  // check-in and code
  'POST /api/me/checkins': { allow: SESSIONS, request: () => post('/api/me/checkins', CHECKIN_A) },
  'GET /api/me/checkins': sessionGet('/api/me/checkins'),
  'GET /api/me/code': sessionGet('/api/me/code'),
  // A version no state has: answered at once, not after the long poll's 25 s.
  'GET /api/me/code/changes': sessionGet('/api/me/code/changes?since=999999999'),
  'GET /api/me/audit': sessionGet('/api/me/audit'),
  'GET /api/me/health-records': sessionGet('/api/me/health-records'),
  'GET /api/risk-areas': publicGet('/api/risk-areas'),
  'POST /api/risk-areas': {
    allow: OPERATORS,
    request: (_f, app) =>
      post('/api/risk-areas', { code: DISTRICT_A, name: '朝阳区某小区', level: 'medium', effectiveFrom: app.clock.now().toISOString(), effectiveTo: null }),
  },
  // Ends the fixtures' risk area of district A (city-wide list: no scope); once ended, the next
  // allowed caller gets 409 RISK_AREA_ENDED — past authorisation all the same.
  'PATCH /api/risk-areas/:id': {
    allow: OPERATORS,
    request: (f, app) => ({ method: 'PATCH', path: `/api/risk-areas/${f.riskAreaId}`, json: { effectiveTo: app.clock.now().toISOString() } }),
  },
  'GET /api/trust-list': publicGet('/api/trust-list'),

  // marks, recognition, the feed
  'GET /api/mark-reasons': publicGet('/api/mark-reasons'),
  // Names district A: authority B acts for B only.
  'POST /api/marks': {
    allow: ['authorityA', 'admin'],
    request: () =>
      post('/api/marks', { idNumber: newIdNumber(), color: 'yellow', reason: 'CLOSE_CONTACT', legalBasis: '《传染病防治法》第三十九条', district: DISTRICT_A }),
  },
  // The marks of district A: its authority and admins; B's authority is refused naming A (its own
  // list holds only B's marks: operatorPages.test.ts).
  'GET /api/marks': { allow: ['authorityA', 'admin'], request: () => get(`/api/marks?district=${DISTRICT_A}`) },
  // A mark of district A: the first allowed caller lifts it, the next one gets 409 MARK_ALREADY_LIFTED.
  'DELETE /api/marks/:id': {
    allow: ['authorityA', 'admin'],
    request: (f) => ({ method: 'DELETE', path: `/api/marks/${f.markId}`, json: { reason: '隔离期满，检测阴性' } }),
  },
  'POST /api/recognitions': { allow: SESSIONS, request: (f) => post('/api/recognitions', { qr: f.codeQr }) },
  // Signed by the feed's key, or not at all: a session opens nothing here.
  'POST /api/provincial/batches': {
    allow: ['feed'],
    refuse: MISSING_SIGNATURE,
    refuseSessionless: MISSING_SIGNATURE,
    request: (_f, app) => ({ method: 'POST', path: '/api/provincial/batches', raw: { body: feedBatch(app), contentType: 'application/x-ndjson' } }),
  },
  // The health-record feeds: signed by a key of their own kind (callAs picks it by path).
  // Two labs send here (testKeys): unsigned and unnamed, the feed is not known.
  'POST /api/feeds/nucleic-acid/batches': {
    allow: ['feed'],
    refuse: UNKNOWN_FEED,
    refuseSessionless: UNKNOWN_FEED,
    request: (_f, app) => ({
      method: 'POST',
      path: '/api/feeds/nucleic-acid/batches',
      raw: { body: nucleicAcidBatch(app), contentType: 'application/x-ndjson' },
    }),
  },
  'POST /api/feeds/vaccination/batches': {
    allow: ['feed'],
    refuse: MISSING_SIGNATURE,
    refuseSessionless: MISSING_SIGNATURE,
    request: () => ({ method: 'POST', path: '/api/feeds/vaccination/batches', raw: { body: vaccinationBatch(), contentType: 'application/x-ndjson' } }),
  },

  // relatives: the resident files for them; everyone else is told there is no such relative.
  'POST /api/dependents': {
    allow: SESSIONS,
    request: () => post('/api/dependents', { name: '孙老太', idNumber: newIdNumber('19400101'), relation: 'parent', consent: true }),
  },
  'GET /api/dependents': sessionGet('/api/dependents'),
  'DELETE /api/dependents/:id': relative((f) => ({ method: 'DELETE', path: `/api/dependents/${f.spareDependentId}` })),
  'POST /api/dependents/:id/checkins': relative((f) => post(`/api/dependents/${f.dependentId}/checkins`, CHECKIN_A)),
  'GET /api/dependents/:id/code': relative((f) => get(`/api/dependents/${f.dependentId}/code`)),
  'GET /api/dependents/:id/audit': relative((f) => get(`/api/dependents/${f.dependentId}/audit`)),
  'GET /api/dependents/:id/health-records': relative((f) => get(`/api/dependents/${f.dependentId}/health-records`)),
  'GET /api/dependents/:id/paper-codes/current': relative((f) => get(`/api/dependents/${f.dependentId}/paper-codes/current`)),
  'POST /api/dependents/:id/paper-codes': relative((f) => post(`/api/dependents/${f.dependentId}/paper-codes`)),
  'GET /api/me/filers': sessionGet('/api/me/filers'),
  // Someone (not a caller) files for the resident: only the resident may end it.
  'DELETE /api/me/filers/:id': relative((f) => ({ method: 'DELETE', path: `/api/me/filers/${f.filingForResidentId}` })),
  'GET /api/me/filing-attempts': sessionGet('/api/me/filing-attempts'),

  // paper codes: the resident's own card
  'GET /api/me/paper-codes/current': sessionGet('/api/me/paper-codes/current'),
  // Never `replace`: the resident's card stays valid for the print routes below.
  'POST /api/me/paper-codes': { allow: SESSIONS, request: () => post('/api/me/paper-codes') },
  // Printing asks no role: an admin is told there is no such card like anyone else.
  'GET /api/paper-codes/:id/print.svg': relative((f) => get(`/api/paper-codes/${f.paperCode.id}/print.svg`)),
  'GET /api/paper-codes/:id/print.png': relative((f) => get(`/api/paper-codes/${f.paperCode.id}/print.png`)),
  // Staff of any place (A and B alike), admins, the holder.
  'POST /api/paper-codes/verify': { allow: ['resident', 'staffA', 'staffB', 'admin'], request: (f) => post('/api/paper-codes/verify', { qr: f.paperCode.qr }) },
  'GET /api/revocations': publicGet('/api/revocations'),

  // places: the registry is city-wide, an operator's
  'GET /api/venues': { allow: OPERATORS, request: () => get(`/api/venues?district=${DISTRICT_A}`) },
  'POST /api/venues': {
    allow: OPERATORS,
    request: () => post('/api/venues', { type: 'public', name: '朝阳体育馆', address: '幸福路 2 号院', district: DISTRICT_A }),
  },
  'POST /api/venues/import': {
    allow: OPERATORS,
    request: () => ({
      method: 'POST',
      path: '/api/venues/import',
      raw: { body: 'type,name,address,district,lat,lng,organisation\npublic,朝阳剧场,幸福路 3 号院,110105,,,\n', contentType: 'text/csv' },
    }),
  },
  // Place A's staff may not change it: the registry is the operators'.
  'PATCH /api/venues/:id': { allow: OPERATORS, request: (f) => ({ method: 'PATCH', path: `/api/venues/${f.placeA.id}`, json: { active: true } }) },
  // Place A's staff (not B's) and operators; others are told there is no such place.
  'GET /api/venues/:id/rotating-code': { allow: ['staffA', ...OPERATORS], refuse: NOT_FOUND, request: (f) => get(`/api/venues/${f.placeA.id}/rotating-code`) },
  'GET /api/venues/:id/poster.svg': { allow: ['staffA', ...OPERATORS], refuse: NOT_FOUND, request: (f) => get(`/api/venues/${f.placeA.id}/poster.svg`) },
  'GET /api/venues/:id/poster.png': { allow: ['staffA', ...OPERATORS], refuse: NOT_FOUND, request: (f) => get(`/api/venues/${f.placeA.id}/poster.png`) },
  'GET /api/places/:placeCode': { allow: EVERYONE, request: (f) => get(`/api/places/${f.placeA.placeCode}`) },
  // Place B has a printed poster: a visit needs no rotating token.
  'POST /api/venues/:id/visits': { allow: SESSIONS, request: (f) => post(`/api/venues/${f.placeB.id}/visits`) },
  'GET /api/staff/venues': sessionGet('/api/staff/venues'),
  // A scan at place A: its staff and admins; not place B's staff, not operators.
  'POST /api/scans': { allow: ['staffA', 'admin'], request: (f) => post('/api/scans', { venueId: f.placeA.id, qr: f.codeQr }) },
  // A visitor recorded by hand at place A: its staff and admins; others learn of no such place.
  'GET /api/venues/:id/scans/today': { allow: ['staffA', 'admin'], refuse: NOT_FOUND, request: (f) => get(`/api/venues/${f.placeA.id}/scans/today`) },
  'POST /api/venues/:id/unregistered-visits': {
    allow: ['staffA', 'admin'],
    refuse: NOT_FOUND,
    request: (f) => post(`/api/venues/${f.placeA.id}/unregistered-visits`, { name: '钱多多', idNumber: newIdNumber(), phone: newPhone() }),
  },

  // grids: grid A (district 110105), where the resident lives
  'GET /api/grids': publicGet('/api/grids'),
  'GET /api/staff/grids': sessionGet('/api/staff/grids'),
  'GET /api/grids/:code/residents': { allow: ['workerA', 'admin'], request: () => get(`/api/grids/${DISTRICT_A}/residents`) },
  'GET /api/grids/:code/residents/:personId': {
    allow: ['workerA', 'admin'],
    request: (f) => get(`/api/grids/${DISTRICT_A}/residents/${f.residentPersonId}`),
  },

  // statistics: city-wide, so not a district's authority
  'GET /api/ops/pages': sessionGet('/api/ops/pages'),
  'GET /api/stats/daily': { allow: OPERATORS, request: () => get('/api/stats/daily?date=2026-11-01') },
  'GET /api/stats/range': { allow: OPERATORS, request: () => get(`/api/stats/range${RANGE}`) },
  'GET /api/stats/grids': { allow: OPERATORS, request: () => get('/api/stats/grids?date=2026-11-01') },
  'GET /api/stats/export.csv': { allow: OPERATORS, request: () => get(`/api/stats/export.csv${RANGE}`) },

  // conversion requests: every caller is green (409 NOTHING_TO_CONVERT: past authorisation);
  // someone (not a caller) of grid A, red by declaration, has one pending.
  'POST /api/me/conversion-requests': { allow: SESSIONS, request: () => post('/api/me/conversion-requests', { reason: '勾错了选项' }) },
  'GET /api/me/conversion-requests': sessionGet('/api/me/conversion-requests'),
  'POST /api/dependents/:id/conversion-requests': relative((f) => post(`/api/dependents/${f.dependentId}/conversion-requests`, { reason: '勾错了选项' })),
  'GET /api/dependents/:id/conversion-requests': relative((f) => get(`/api/dependents/${f.dependentId}/conversion-requests`)),
  'GET /api/conversion-requests': { allow: ['workerA', 'workerB', 'authorityA', 'authorityB', 'admin'], request: () => get('/api/conversion-requests') },
  // Grid A's pending request: worker A approves it, the admin then gets 409 CONVERSION_ALREADY_DECIDED;
  // grid B's worker, the authorities (it is the grid's, not theirs) and every other role: 404.
  'POST /api/conversion-requests/:id/decision': {
    allow: ['workerA', 'admin'],
    refuse: NOT_FOUND,
    request: (f) => post(`/api/conversion-requests/${f.conversionRequestId}/decision`, { approve: true, reason: '核实为误填，予以转码' }),
  },

  // role grants: admins only. The resident is granted operator (201, then 200: already held);
  // revoking a grant otherResident does not hold answers an admin 404 GRANT_NOT_FOUND (a grant
  // that opened anything would change the other rows of this matrix).
  'GET /api/grants': { allow: ['admin'], request: () => get('/api/grants') },
  'POST /api/grants': { allow: ['admin'], request: (f) => post('/api/grants', { phone: f.accounts.resident.phone, role: 'operator', scope: '' }) },
  'DELETE /api/grants': {
    allow: ['admin'],
    request: (f) => ({ method: 'DELETE', path: '/api/grants', json: { userId: f.accounts.otherResident.userId, role: 'venue-staff', scope: f.placeA.id } }),
  },

  // service
  'GET /healthz': publicGet('/healthz'),
  'GET /readyz': publicGet('/readyz'),
  'GET /api/city': publicGet('/api/city'),
  'GET /api/openapi.json': publicGet('/api/openapi.json'),
  'GET /api/docs': publicGet('/api/docs'),
  // Dev only (mounted in tests, as in dev mode): public there.
  'GET /api/dev/sms-outbox': { allow: EVERYONE, request: (f) => get(`/api/dev/sms-outbox?phone=${f.accounts.resident.phone}`) },
};

/** What a caller is expected to get: through, or the route's refusal for them. */
function expected(entry: Entry, caller: Caller): 'allowed' | Refusal {
  if (entry.allow.includes(caller)) return 'allowed';
  return SESSIONLESS.includes(caller) ? (entry.refuseSessionless ?? UNAUTHENTICATED) : (entry.refuse ?? FORBIDDEN);
}

const codeOf = (body: unknown): string | undefined => (body as { error?: { code?: string } } | undefined)?.error?.code;

let app: TestApp;
let fixtures: Fixtures;
beforeAll(async () => {
  app = await startTestApp({ env: { SESSION_TTL_SECONDS: String(30 * 86400) } });
  await app.reset();
  fixtures = await setUpFixtures(app);
});
afterAll(() => app.close());

describe('the authorisation matrix', () => {
  it('has one entry per route of the contract table, dev-only routes included, and none for a route that is gone', () => {
    const routes = ROUTES.map(routeKey).sort();
    const entries = Object.keys(MATRIX).sort();
    expect({ missing: routes.filter((k) => !entries.includes(k)), stale: entries.filter((k) => !routes.includes(k)) }).toEqual({ missing: [], stale: [] });
  });

  it("agrees with each route's contract `access`", () => {
    const wrong: string[] = [];
    for (const route of ROUTES) {
      const entry = MATRIX[routeKey(route)];
      if (!entry) continue;
      const allows = (callers: readonly Caller[]) => callers.every((c) => entry.allow.includes(c));
      const onlyAmong = (callers: readonly Caller[]) => entry.allow.every((c) => callers.includes(c));
      const ok = {
        public: () => allows(EVERYONE),
        session: () => !entry.allow.some((c) => SESSIONLESS.includes(c)) && entry.refuseSessionless === undefined,
        operator: () => allows(OPERATORS) && onlyAmong(OPERATORS),
        authority: () => allows(['authorityA', 'admin']) && onlyAmong(['authorityA', 'authorityB', 'admin']),
        'community-worker': () => allows(['workerA', 'admin']) && onlyAmong(['workerA', 'workerB', 'admin']),
        handler: () => allows(['workerA', 'admin']) && onlyAmong(['workerA', 'workerB', 'authorityA', 'authorityB', 'admin']),
        admin: () => allows(['admin']) && onlyAmong(['admin']),
        feed: () => allows(['feed']) && onlyAmong(['feed']),
      }[route.access]();
      if (!ok) wrong.push(`${routeKey(route)} (access: ${route.access}) allows ${entry.allow.join(', ')}`);
    }
    expect(wrong).toEqual([]);
  });

  // The matrix names grid A in the path; this is the other way out of scope: the worker's own
  // grid in the path, a person of another grid.
  it("a worker of grid B who names their own grid is told grid A's resident is not there", async () => {
    const res = await callAs(app, fixtures, 'workerB', { method: 'GET', path: `/api/grids/${DISTRICT_B}/residents/${fixtures.residentPersonId}` });
    expect({ status: res.status, code: codeOf(res.body) }).toEqual(NOT_FOUND);
  });

  it.each(ROUTES.map(routeKey))('%s: each caller is allowed or refused as the matrix says', async (key) => {
    const entry = MATRIX[key];
    expect(entry, `no matrix entry for ${key}: add one to MATRIX`).toBeDefined();
    const wrong: string[] = [];
    for (const caller of CALLERS) {
      const want = expected(entry, caller);
      const res = await callAs(app, fixtures, caller, entry.request(fixtures, app));
      const got = `${res.status} ${codeOf(res.body) ?? ''}`.trim();
      if (want === 'allowed') {
        const refused = REFUSALS.some((r) => r.status === res.status && r.code === codeOf(res.body));
        if (refused || res.status >= 500) wrong.push(`${caller}: expected allowed, got ${got}`);
      } else if (res.status !== want.status || codeOf(res.body) !== want.code) {
        wrong.push(`${caller}: expected ${want.status} ${want.code}, got ${got}`);
      }
    }
    expect(wrong).toEqual([]);
  });
});
