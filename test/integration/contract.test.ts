/**
 * The route contract (shared/src/contracts/routes.ts, decision 0014): it lists exactly the
 * routes the app registers, the served OpenAPI document and reference page say the same, and
 * the answer check every integration test runs under (contractCheck.ts) does catch answers
 * outside the contract.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { ROUTES, routesFor } from '@yima/shared/contracts/routes';
import { routeKey, type RouteContract } from '@yima/shared/contracts/routeTypes';
import { health } from '@yima/shared/contracts/responses/service';
import { buildOpenApiDocument } from '@yima/bff/src/openapi/document';
import { call } from '../support/http';
import { checkAnswer, routeMatcher, takeContractViolations } from '../support/contractCheck';
import { startTestApp, type TestApp } from '../support/testApp';

let app: TestApp;
beforeAll(async () => {
  app = await startTestApp();
});
afterAll(() => app?.close());

const sorted = (keys: Iterable<string>) => [...keys].sort();
/** OpenAPI writes `{id}` where the router writes `:id`. */
const fromOpenApi = (path: string) => path.replace(/\{(\w+)\}/g, ':$1');

describe('the route table and the app', () => {
  it('the table lists every route the app registers, and no other (dev routes included: tests run in dev mode)', () => {
    const registered = sorted(app.routes().map(routeKey));
    expect(registered.length).toBeGreaterThan(50);
    expect(sorted(routesFor({ dev: true }).map(routeKey))).toEqual(registered);
  });

  it('lists each route once', () => {
    const keys = ROUTES.map(routeKey);
    expect(keys.filter((k, i) => keys.indexOf(k) !== i)).toEqual([]);
  });

  it('the served OpenAPI document names exactly the routes the app registers', async () => {
    const res = await call(app.url, 'GET', '/api/openapi.json');
    expect(res.status).toBe(200);
    expect(res.body.openapi).toBe('3.1.0');
    const documented = Object.entries(res.body.paths as Record<string, Record<string, unknown>>).flatMap(([path, ops]) =>
      Object.keys(ops).map((m) => `${m.toUpperCase()} ${fromOpenApi(path)}`),
    );
    expect(sorted(documented)).toEqual(sorted(app.routes().map(routeKey)));
  });

  it('a production document leaves the dev-only routes out', () => {
    const doc = buildOpenApiDocument(routesFor({ dev: false }));
    expect(doc.paths['/api/dev/sms-outbox']).toBeUndefined();
    expect(doc.paths['/api/me/code']).toBeDefined();
  });

  it('every $ref of the document names a schema it holds', () => {
    const doc = buildOpenApiDocument(ROUTES);
    const refs = new Set<string>();
    const walk = (v: unknown): void => {
      if (Array.isArray(v)) v.forEach(walk);
      else if (v && typeof v === 'object') {
        for (const [k, x] of Object.entries(v)) {
          if (k === '$ref') refs.add(String(x));
          else walk(x);
        }
      }
    };
    walk(doc);
    const missing = [...refs].filter((ref) => !doc.components.schemas[ref.replace('#/components/schemas/', '')]);
    expect(missing).toEqual([]);
    expect(refs.size).toBeGreaterThan(20);
  });

  it('the reference page is one self-contained page: every route on it, nothing loaded from elsewhere', async () => {
    const res = await call(app.url, 'GET', '/api/docs');
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/^text\/html/);
    const html = res.body as string;
    for (const route of ROUTES) expect(html).toContain(route.path.replace(/:(\w+)/g, '{$1}'));
    expect(html).not.toMatch(/<script|<link|src="http|href="http|@import/i);
    expect(html).toContain('<a href="#schema-CodeAnswer">CodeAnswer</a>');
  });
});

describe('the answer check', () => {
  const healthRoute = ROUTES.find((r) => routeKey(r) === 'GET /healthz')!;

  it('when an app answers outside a route’s schema, then the check records which route, status and field', async () => {
    // The real app, checked against a table whose /healthz expects another body.
    const strict: RouteContract = { ...healthRoute, responses: { 200: { description: 'ok', schema: health.extend({ version: z.string() }) } } };
    const other = await startTestApp({ contract: ROUTES.map((r) => (r === healthRoute ? strict : r)) });
    try {
      takeContractViolations();
      expect((await call(other.url, 'GET', '/healthz')).status).toBe(200);
      expect(takeContractViolations()).toEqual([expect.stringMatching(/^GET \/healthz: 200 body: version: .*expected string/)]);
    } finally {
      await other.close();
    }
  });

  it('when an answer keeps the contract, then nothing is recorded', async () => {
    takeContractViolations();
    await call(app.url, 'GET', '/healthz');
    await call(app.url, 'GET', '/api/me'); // 401 UNAUTHENTICATED, declared
    expect(takeContractViolations()).toEqual([]);
  });

  it('refuses an undeclared status, an undeclared error code, a 429 without Retry-After, a wrong media type, a field the schema does not name', () => {
    const me = routeMatcher(ROUTES).match('GET', '/api/me')!;
    const poster = routeMatcher(ROUTES).match('GET', '/api/venues/12/poster.svg')!;
    const error = (code: string, extra = {}) => ({ error: { code, message: 'm', ...extra } });
    const json = 'application/json';
    expect(checkAnswer(me, { status: 201, type: json, body: {}, retryAfter: '' })).toEqual([expect.stringContaining('status 201 is not declared')]);
    expect(checkAnswer(me, { status: 409, type: json, body: error('DEPENDENT_EXISTS'), retryAfter: '' })).toEqual([
      expect.stringContaining('409 DEPENDENT_EXISTS is not declared'),
    ]);
    expect(checkAnswer(me, { status: 400, type: json, body: error('NOT_A_CODE'), retryAfter: '' })).toEqual([expect.stringContaining('error.code')]);
    const sms = routeMatcher(ROUTES).match('POST', '/api/auth/sms-codes')!;
    expect(checkAnswer(sms, { status: 429, type: json, body: error('SMS_RATE_LIMITED'), retryAfter: '' })).toEqual([
      expect.stringContaining('without matching retryAfterSeconds'),
    ]);
    expect(checkAnswer(sms, { status: 429, type: json, body: error('SMS_RATE_LIMITED', { retryAfterSeconds: 5 }), retryAfter: '5' })).toEqual([]);
    expect(checkAnswer(poster, { status: 200, type: 'text/plain', body: 'x', retryAfter: '' })).toEqual([expect.stringContaining('image/svg+xml')]);
    const profile = { id: '1', registered: true, verified: true, name: null, idNumber: null, phone: '138****0000', locale: 'zh', privacyAccepted: null };
    expect(checkAnswer(me, { status: 200, type: json, body: profile, retryAfter: '' })).toEqual([]);
    expect(checkAnswer(me, { status: 200, type: json, body: JSON.stringify({ ...profile, phoneRaw: '13800000000' }), retryAfter: '' })).toEqual([
      expect.stringContaining('phoneRaw'),
    ]);
  });

  it('matches paths as the router does: parameters, literal routes first, any case, a trailing slash', () => {
    const m = routeMatcher(ROUTES);
    expect(m.match('POST', '/api/venues/import')?.path).toBe('/api/venues/import');
    expect(m.match('POST', '/api/venues/12/visits')?.path).toBe('/api/venues/:id/visits');
    expect(m.match('GET', '/API/ME/')?.path).toBe('/api/me');
    expect(m.match('GET', '/api/venues/1/2/poster.svg')).toBeUndefined();
  });
});
