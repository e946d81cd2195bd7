/**
 * fast-check arbitraries of FuzzCases over the routes the app registers. Bodies are mostly
 * near-valid (a route's usual body with one thing broken) so they get past the parser into
 * validation and the services; the rest is random JSON, text, bytes, oversized, compressed.
 * Routes without a sample body (added later by someone else) still get every generic body.
 */
import fc from 'fast-check';
import { COMMUNITY, ROLES, NORMAL_CHECKIN, PLACE } from './fixtures';
import { percentEncode, type Body, type FuzzCase, type Param } from './cases';

/** A usual body per route: `$name` strings are fixture values (fixtures.ts). */
export const SAMPLE_BODIES: Record<string, unknown[]> = {
  'POST /api/auth/sms-codes': [{ phone: '$phone' }],
  'POST /api/auth/sessions': [
    { method: 'sms', phone: '$phone', code: '123456' },
    { method: 'simple', phone: '$phone', idLast4: '1234' },
    { method: 'wechat', code: 'abc' },
    { method: 'alipay', authCode: 'abc' },
  ],
  'PATCH /api/me': [{ locale: 'en' }],
  'PUT /api/me/identity': [{ name: '张小三', idNumber: '$relativeIdNumber' }],
  'POST /api/me/checkins': [NORMAL_CHECKIN, { ...NORMAL_CHECKIN, address: { ...NORMAL_CHECKIN.address, community: COMMUNITY } }],
  'POST /api/dependents/:id/checkins': [NORMAL_CHECKIN, { ...NORMAL_CHECKIN, address: { ...NORMAL_CHECKIN.address, community: COMMUNITY } }],
  'POST /api/risk-areas': [{ code: '110105', name: '朝阳区', level: 'high', effectiveFrom: '2026-01-01T00:00:00Z' }],
  'POST /api/marks': [{ idNumber: '$idNumber', color: 'red', reason: 'CLOSE_CONTACT', note: '同乘 K123 次列车', legalBasis: '《传染病防治法》第三十九条' }],
  'DELETE /api/marks/:id': [{ reason: '隔离期满，检测阴性' }],
  'POST /api/recognitions': [{ qr: '$qr' }, { qr: '$paperQr' }],
  'POST /api/paper-codes/verify': [{ qr: '$paperQr' }, { qr: '$qr' }],
  'POST /api/dependents': [{ name: '张老汉', idNumber: '$relativeIdNumber', relation: 'other', relationText: '舅舅', consent: true }],
  'POST /api/venues': [{ ...PLACE, lat: 39.9, lng: 116.4, organisation: '街道办' }],
  'PATCH /api/venues/:id': [{ active: true, rotating: false }],
  'POST /api/venues/:id/visits': [{ location: { lat: 39.9, lng: 116.4 } }, { dependentId: '$dependentId', placeToken: '123456' }],
  'POST /api/scans': [
    { venueId: '$venueId', qr: '$qr' },
    { venueId: '$venueId', qr: '$paperQr', scannedAt: '2026-01-01T00:00:00Z', verifiedOffline: true },
    { venueId: '$venueId', idNumber: '$idNumber', name: '张小三' },
  ],
};

/** Characters validation must refuse or survive, and strings that look like attacks. */
const NASTY_CHARS = [
  '\u0000',
  '\u0007',
  '\u001b',
  '\u007f',
  '\u0085',
  '\u202e',
  '\u2066',
  '\ud800',
  '\udfff',
  '\ufffe',
  '\uffff',
  '\n',
  '\t',
  '\r',
  '\u2028',
  '\ufeff',
  '😀',
];
const NASTY_STRINGS = [
  "1' OR '1'='1",
  '1; DROP TABLE users; --',
  '%00',
  '../../etc/passwd',
  '<svg onload=alert(1)>',
  '${jndi:ldap://x}',
  '__proto__',
  'constructor',
  '\u0000'.repeat(10),
  '９９',
  '١٢٣',
];

const nastyString = fc.oneof(
  fc.constantFrom(...NASTY_STRINGS),
  fc.string({ unit: 'binary', maxLength: 30 }),
  fc.tuple(fc.string({ maxLength: 8 }), fc.constantFrom(...NASTY_CHARS), fc.string({ maxLength: 8 })).map(([a, c, b]) => `张${a}${c}${b}`),
);

const jsonValue = fc.jsonValue({ maxDepth: 3, stringUnit: 'binary' });

/** Every way we break a path parameter: negative, huge, non-numeric, unicode, SQL-ish, encoded. */
const junkParam: fc.Arbitrary<Param> = fc.oneof(
  fc
    .constantFrom(
      '0',
      '-1',
      '1',
      '18446744073709551615',
      '18446744073709551616',
      '9'.repeat(19),
      '9'.repeat(40),
      '1e3',
      '0x10',
      ' 1',
      '1.5',
      'NaN',
      'null',
      'undefined',
      '%',
      '%zz',
      '%E4%B8',
      '..',
      '.',
    )
    .map((text) => ({ text, raw: text.startsWith('%') })),
  nastyString.map((text) => ({ text })),
  fc.integer().map((n) => ({ text: String(n) })),
  fc.bigInt({ min: -(2n ** 70n), max: 2n ** 70n }).map((n) => ({ text: String(n) })),
  fc.string({ unit: 'binary', minLength: 200, maxLength: 3000 }).map((text) => ({ text })),
);

const paramArb = (fixtures: string[]): fc.Arbitrary<Param> =>
  fc.oneof({ weight: 2, arbitrary: fc.constantFrom(...fixtures).map((fixture) => ({ fixture })) }, { weight: 3, arbitrary: junkParam });

/** A sample with one thing changed: a value anywhere replaced, a key dropped or added. */
function mutated(sample: unknown): fc.Arbitrary<unknown> {
  const paths: (string | number)[][] = [];
  const walk = (v: unknown, at: (string | number)[]) => {
    if (at.length) paths.push(at);
    if (v && typeof v === 'object') for (const [k, child] of Object.entries(v)) walk(child, [...at, Array.isArray(v) ? Number(k) : k]);
  };
  walk(sample, []);
  const setAt = (v: unknown, at: (string | number)[], to: unknown, remove = false): unknown => {
    if (!at.length) return to;
    const copy = (Array.isArray(v) ? [...(v as unknown[])] : { ...(v as object) }) as Record<string | number, unknown>;
    const [head, ...rest] = at;
    if (!rest.length && remove) delete copy[head];
    else copy[head] = setAt(copy[head], rest, to, remove);
    return copy;
  };
  const change = paths.length ? fc.constantFrom(...paths) : fc.constant([] as (string | number)[]);
  return fc.oneof(
    fc.constant(sample),
    fc.tuple(change, fc.oneof(jsonValue, nastyString)).map(([at, to]) => setAt(sample, at, to)),
    fc.tuple(change, nastyString).map(([at, to]) => setAt(sample, at, to)),
    change.map((at) => setAt(sample, at, undefined, true)),
    fc
      .tuple(fc.oneof(fc.constantFrom('__proto__', 'constructor', 'extra'), fc.string({ maxLength: 10 })), jsonValue)
      .map(([k, to]) => (sample && typeof sample === 'object' && !Array.isArray(sample) ? { ...sample, [k]: to } : sample)),
  );
}

const csvText = fc
  .array(
    fc.array(fc.oneof(fc.constantFrom('community', 'bar', '幸福里小区', '北京市朝阳区幸福路 1 号', '110105', '39.9', '', '"', '""x"'), nastyString), {
      minLength: 0,
      maxLength: 9,
    }),
    { maxLength: 4 },
  )
  .map((rows) => ['type,name,address,district,lat,lng,organisation', ...rows.map((r) => r.join(','))].join('\n'));

const ndjsonText = fc
  .array(
    fc.oneof(
      jsonValue.map((v) => JSON.stringify(v)),
      fc.string({ unit: 'binary', maxLength: 60 }),
    ),
    { maxLength: 5 },
  )
  .map((lines) => lines.join('\n'));

function bodyArb(route: string): fc.Arbitrary<Body> {
  const samples = SAMPLE_BODIES[route] ?? [];
  const near = samples.length
    ? [
        {
          weight: 6,
          arbitrary: fc
            .constantFrom(...samples)
            .chain(mutated)
            .map((value): Body => ({ kind: 'json', value })),
        },
      ]
    : [];
  return fc.oneof(
    ...near,
    { weight: 2, arbitrary: fc.constant<Body>({ kind: 'none' }) },
    { weight: 2, arbitrary: jsonValue.map((value): Body => ({ kind: 'json', value })) },
    {
      weight: 1,
      arbitrary: fc
        .oneof(
          fc.string({ unit: 'binary', maxLength: 200 }),
          fc.constantFrom('{', '{"a":', '[1,', '{"a":1}}', 'nul', '\u0000', '{"a":"\\ud800"}', '{"__proto__":{"x":1}}', ' '),
          csvText,
          ndjsonText,
        )
        .map((text): Body => ({ kind: 'text', text })),
    },
    { weight: 1, arbitrary: fc.uint8Array({ maxLength: 300 }).map((b): Body => ({ kind: 'bytes', base64: Buffer.from(b).toString('base64') })) },
    { weight: 1, arbitrary: (samples.length ? fc.constantFrom(...samples) : jsonValue).map((value): Body => ({ kind: 'compressed', value })) },
    { weight: 1, arbitrary: fc.integer({ min: 15_000, max: 70_000 }).map((bytes): Body => ({ kind: 'big', bytes })) },
  );
}

const contentTypeArb = fc.oneof(
  { weight: 16, arbitrary: fc.constant<string | null>('application/json') },
  {
    weight: 4,
    arbitrary: fc.constantFrom<string | null>(
      null,
      'application/json; charset=utf-8',
      'application/json; charset=latin1',
      'application/json; charset=utf-16',
      'application/json; charset=nope',
      'application/json;;',
      'application/merge-patch+json',
      'application/vnd.api+json',
      'text/plain',
      'text/csv',
      'text/csv; charset=gbk',
      'application/x-ndjson',
      'application/x-www-form-urlencoded',
      'multipart/form-data',
      'multipart/form-data; boundary=x',
      'application/xml',
      '*/*',
      '',
      'json',
    ),
  },
  // Printable ASCII only: a control character in a header is refused by the HTTP client itself.
  { weight: 1, arbitrary: fc.string({ unit: 'grapheme-ascii', maxLength: 40 }).map((s) => s.replace(/[^\x20-\x7e]/g, '')) },
);

const contentEncodingArb = fc.oneof(
  { weight: 20, arbitrary: fc.constant<string | null>(null) },
  {
    weight: 3,
    arbitrary: fc.constantFrom<string | null>(
      'gzip',
      'deflate',
      'br',
      'identity',
      'compress',
      'x-gzip',
      'gzip, identity',
      'identity, gzip',
      'GZIP',
      'zstd',
      '',
      ' ',
      'gzip;q=1',
      'chunked',
    ),
  },
);

const queryArb = fc.oneof(
  { weight: 6, arbitrary: fc.constant('') },
  {
    weight: 2,
    arbitrary: fc.constantFrom(
      'since=0',
      'since=1',
      'since=-1',
      'since=1e308',
      'since=&since=1',
      'phone=13800138000',
      'phone=13800138000&phone=13800138001',
      'a[b][c]=1',
      '__proto__[x]=1',
      'a=%',
      'a=%zz',
      '=',
      '&&&',
      'locale=xx',
    ),
  },
  {
    weight: 1,
    arbitrary: fc
      .array(fc.tuple(fc.string({ maxLength: 10 }), fc.string({ unit: 'binary', maxLength: 20 })), { maxLength: 4 })
      .map((kv) => kv.map(([k, v]) => `${percentEncode(k)}=${percentEncode(v)}`).join('&')),
  },
  { weight: 1, arbitrary: fc.constant(`q=${'x'.repeat(9000)}`) },
);

const headersArb = fc.oneof(
  { weight: 8, arbitrary: fc.constant<Record<string, string>>({}) },
  {
    weight: 1,
    arbitrary: fc.record({
      'x-feed-id': fc.constantFrom('province', 'nope', ''),
      'x-signature': fc.constantFrom(`sha256=${'0'.repeat(64)}`, 'sha256=zz', 'md5=1', ''),
    }),
  },
  {
    weight: 1,
    arbitrary: fc.constantFrom<Record<string, string>>(
      { accept: 'application/xml' },
      { 'x-forwarded-for': 'not-an-ip, ::1, 999.1.1.1' },
      { expect: '100-continue' },
    ),
  },
);

/** Paths no route declares: the router's 404/405 and the static-file fallback. */
const strayPath = fc.oneof(
  fc.constantFrom(
    '/',
    '/api',
    '/api/',
    '/api/me/',
    '/API/ME',
    '/api//me',
    '/api/me/code/',
    '/api/venues/1/poster.svg/',
    '/api/%2e%2e/healthz',
    '/api/venues/%ZZ/poster.svg',
    '/healthz?x=%',
  ),
  fc.string({ unit: 'grapheme-ascii', maxLength: 30 }).map((s) => `/api/${percentEncode(s)}`),
);

/** Half the cases break one thing in an otherwise ordinary request (a JSON body, the route's
 * method, real ids, no coding): they reach validation and the services. The other half break
 * everything at once: they reach the parsers and the guards in front. */
function focusedArb(route: string, fixtureNames: string[]): fc.Arbitrary<FuzzCase> {
  const paramCount = (route.match(/:[A-Za-z_]+/g) ?? []).length;
  const samples = SAMPLE_BODIES[route] ?? [{}];
  return fc.record({
    route: fc.constant(route),
    params: fc.array(
      fc.oneof({ weight: 4, arbitrary: fc.constantFrom(...fixtureNames).map((fixture): Param => ({ fixture })) }, { weight: 1, arbitrary: junkParam }),
      { minLength: paramCount, maxLength: paramCount },
    ),
    query: fc.constant(''),
    as: fc.constantFrom(...ROLES),
    body: fc
      .constantFrom(...samples)
      .chain(mutated)
      .map((value): Body => ({ kind: 'json', value })),
    contentType: fc.constant('application/json'),
    contentEncoding: fc.constant(null),
    chunked: fc.constant(false),
    headers: fc.constant({}),
  });
}

/** A case for one of `routes` ("METHOD /pattern"), or now and then for a stray path. */
export function caseArb(routes: string[], fixtureNames: string[]): fc.Arbitrary<FuzzCase> {
  const focused = fc.constantFrom(...routes).chain((route) => focusedArb(route, fixtureNames));
  const forRoute = fc.constantFrom(...routes).chain((route) => {
    const paramCount = (route.match(/:[A-Za-z_]+/g) ?? []).length;
    return fc.record({
      route: fc.constant(route),
      method: fc.oneof(
        { weight: 12, arbitrary: fc.constant(undefined) },
        { weight: 1, arbitrary: fc.constantFrom('GET', 'POST', 'PUT', 'PATCH', 'DELETE', 'HEAD', 'OPTIONS', 'TRACE', 'PROPFIND', 'PURGE') },
      ),
      params: fc.array(paramArb(fixtureNames), { minLength: paramCount, maxLength: paramCount }),
      query: queryArb,
      as: fc.constantFrom(...ROLES, ...ROLES, 'anonymous' as const, 'forged' as const),
      body: bodyArb(route),
      contentType: contentTypeArb,
      contentEncoding: contentEncodingArb,
      chunked: fc.boolean(),
      headers: headersArb,
    });
  });
  const stray = fc.record({
    route: fc.tuple(fc.constantFrom('GET', 'POST', 'PUT', 'DELETE'), strayPath).map(([m, p]) => `${m} ${p}`),
    params: fc.constant([] as Param[]),
    query: fc.constant(''),
    as: fc.constantFrom('resident' as const, 'anonymous' as const),
    body: bodyArb(''),
    contentType: contentTypeArb,
    contentEncoding: contentEncodingArb,
    chunked: fc.boolean(),
    headers: fc.constant({}),
  });
  return fc.oneof({ weight: 10, arbitrary: focused }, { weight: 9, arbitrary: forRoute }, { weight: 1, arbitrary: stray });
}
