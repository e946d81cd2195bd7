/**
 * Issue 10, finding 6 (without the paper-code concurrency item): input that used to give a
 * 500. Content-Encoding on a plain body threw a zlib error before the auth check (logged with
 * a stack); NUL/BEL/ESC in a place name made the poster SVG ill-formed and poster.png a 500.
 * Decision 0011: compressed request bodies are refused (415), control characters are refused
 * at input (400) and neutralised when printing rows written before.
 */
import { gzipSync } from 'node:zlib';
import { SaxesParser } from 'saxes';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { loginBySms, registerResident } from '../support/flows';
import { call, newIp } from '../support/http';
import { newIdNumber } from '../support/ids';
import { rawRequest } from '../support/rawHttp';
import { grantRole } from '../support/roles';
import { startTestApp, type TestApp } from '../support/testApp';

let app: TestApp;
beforeAll(async () => {
  app = await startTestApp();
});
afterAll(() => app.close());
beforeEach(() => app.reset());

const PLACE = { type: 'community', name: '幸福里小区', address: '北京市朝阳区幸福路 1 号', district: '110105' };

/** Throws on the first well-formedness error, as any strict XML reader would. */
function parseXml(xml: string): void {
  const parser = new SaxesParser();
  let error: Error | null = null;
  parser.on('error', (e) => {
    error ??= e;
  });
  parser.write(xml).close();
  if (error) throw error;
}

const noStackLogged = () => {
  const bad = app.logs.filter((l) => /"level":50|"stack"|request failed/.test(l));
  expect(bad).toEqual([]);
};

describe('a request body with a Content-Encoding', () => {
  const routes = [
    { method: 'PUT', path: '/api/me/identity', body: { name: '张小三', idNumber: '110105199001011234' } },
    { method: 'POST', path: '/api/dependents', body: { name: '张大爷', idNumber: '110105195001011234', relation: 'parent', consent: true } },
    { method: 'POST', path: '/api/auth/sms-codes', body: { phone: '13800138000' } },
    { method: 'PATCH', path: '/api/me', body: { locale: 'en' } },
    { method: 'DELETE', path: '/api/marks/1', body: { reason: '核酸阴性' } },
    // The hot routes (read by jsonBody's own reader) and the routes streaming their body.
    { method: 'POST', path: '/api/scans', body: { venueId: '1', qr: 'x' } },
    { method: 'POST', path: '/api/venues/1/visits', body: {} },
  ];

  for (const encoding of ['gzip', 'deflate', 'br']) {
    it(`when a plain body says Content-Encoding: ${encoding}, then 415 UNSUPPORTED_CONTENT_ENCODING on every route, before the auth check, and no stack in the logs`, async () => {
      const r = await registerResident(app.url);
      for (const route of routes) {
        for (const token of [undefined, r.token]) {
          const res = await rawRequest(app.url, {
            method: route.method,
            path: route.path,
            headers: {
              'content-type': 'application/json',
              'content-encoding': encoding,
              'x-forwarded-for': newIp(),
              ...(token ? { authorization: `Bearer ${token}` } : {}),
            },
            body: JSON.stringify(route.body),
          });
          expect({ route: route.path, status: res.status, body: JSON.parse(res.text) }).toEqual({
            route: route.path,
            status: 415,
            body: { error: { code: 'UNSUPPORTED_CONTENT_ENCODING', message: expect.any(String) } },
          });
          expect(res.headers['accept-encoding']).toBe('identity');
        }
      }
      noStackLogged();
    });
  }

  it('when the body really is gzip (a provincial batch, a CSV import, a JSON body), then 415 too: bodies are sent plain', async () => {
    const zipped = gzipSync(Buffer.from('{"phone":"13800138000"}'));
    const cases = [
      { path: '/api/auth/sms-codes', type: 'application/json' },
      { path: '/api/provincial/batches', type: 'application/x-ndjson' },
      { path: '/api/venues/import', type: 'text/csv' },
    ];
    for (const c of cases) {
      const res = await rawRequest(app.url, {
        method: 'POST',
        path: c.path,
        headers: { 'content-type': c.type, 'content-encoding': 'gzip', 'x-signature': `sha256=${'0'.repeat(64)}` },
        body: zipped,
      });
      expect([c.path, res.status, JSON.parse(res.text).error.code]).toEqual([c.path, 415, 'UNSUPPORTED_CONTENT_ENCODING']);
    }
    noStackLogged();
  });

  it('when the body says Content-Encoding: identity, then it is read as usual', async () => {
    const res = await rawRequest(app.url, {
      method: 'POST',
      path: '/api/auth/sms-codes',
      headers: { 'content-type': 'application/json', 'content-encoding': 'identity', 'x-forwarded-for': newIp() },
      body: '{"phone":"13800138000"}',
    });
    expect(res.status).toBe(202);
  });
});

describe('control characters in text', () => {
  async function operator() {
    const op = await loginBySms(app.url);
    await grantRole(app, op.phone, 'operator');
    return op;
  }

  it('when a place name or address holds NUL, BEL, ESC, DEL, a C1 control, a bidi override or a lone surrogate, then 400 INVALID_CHARACTERS and no place is created', async () => {
    const op = await operator();
    const bad = ['\u0000', '\u0007', '\u001b', '\u007f', '\u0085', '\u202e', '\ud800', '\n'];
    for (const ch of bad) {
      for (const field of ['name', 'address']) {
        const body = { ...PLACE, [field]: `幸福里${ch}小区${field === 'address' ? '幸福路 1 号' : ''}` };
        const res = await call(app.url, 'POST', '/api/venues', body, { token: op.token });
        expect({ ch: ch.charCodeAt(0), field, status: res.status, code: res.body.error?.code }).toEqual({
          ch: ch.charCodeAt(0),
          field,
          status: 400,
          code: 'INVALID_CHARACTERS',
        });
      }
    }
    const [rows] = await app.db.query<any[]>('SELECT COUNT(*) AS n FROM venues');
    expect(Number(rows[0].n)).toBe(0);
    // Ordinary text still goes through, emoji (a surrogate pair) included.
    expect((await call(app.url, 'POST', '/api/venues', { ...PLACE, name: '幸福里小区 🏠' }, { token: op.token })).status).toBe(201);
  });

  it('when a check-in address or a relative relation text holds ESC, then 400 INVALID_CHARACTERS', async () => {
    const r = await registerResident(app.url);
    const checkin = {
      temperature: 'normal',
      symptoms: [],
      visitedAreas: [],
      contact: 'none',
      address: { district: '110105', detail: '幸福路\u001b[31m 1 号' },
    };
    expect(await call(app.url, 'POST', '/api/me/checkins', checkin, { token: r.token })).toMatchObject({
      status: 400,
      body: { error: { code: 'INVALID_CHARACTERS' } },
    });
    const dependent = { name: '张大爷', idNumber: newIdNumber(), relation: 'other', relationText: '舅\u0007舅', consent: true };
    expect(await call(app.url, 'POST', '/api/dependents', dependent, { token: r.token })).toMatchObject({
      status: 400,
      body: { error: { code: 'INVALID_CHARACTERS' } },
    });
  });

  it('when a place written before the fix holds NUL, BEL and ESC, then its poster is well-formed XML and poster.png is 200', async () => {
    const op = await operator();
    const made = await call(app.url, 'POST', '/api/venues', PLACE, { token: op.token });
    expect(made.status).toBe(201);
    await app.db.query('UPDATE venues SET name = ?, address = ? WHERE id = ?', [
      '幸福\u0000里\u0007小区\u001b',
      '幸福路\u0001 1 号 <&"\'>\u202e',
      made.body.id,
    ]);

    const png = await rawRequest(app.url, { method: 'GET', path: `/api/venues/${made.body.id}/poster.png`, headers: { authorization: `Bearer ${op.token}` } });
    expect(png.status).toBe(200);
    expect(png.bytes.subarray(0, 8)).toEqual(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]));

    const svg = await call(app.url, 'GET', `/api/venues/${made.body.id}/poster.svg`, undefined, { token: op.token });
    expect(svg.status).toBe(200);
    expect(() => parseXml(svg.body as string)).not.toThrow();
    expect(svg.body).toContain('幸福\ufffd里\ufffd小区\ufffd');
    expect(svg.body).toContain('幸福路\ufffd 1 号 &lt;&amp;&quot;&apos;&gt;\ufffd');
    noStackLogged();
  });
});
