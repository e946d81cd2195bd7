/**
 * Configuration from the environment, validated once at start. Each key is declared once,
 * in SETTINGS below: its name, its parser and default, its meaning, and — by where it sits —
 * where its value lands in `Config` (settings.ts does the rest). docs/configuration.md's
 * table is generated from it (`npm run docs:config`; a test keeps them equal). Defaults are
 * safe for production (dev routes off, outbox SMS only with YIMA_DEV=1). Secrets have no
 * defaults: scripts/dev-env.sh generates local ones.
 */
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { z } from 'zod';
import { MERGE_POLICIES, REAL_NAME_PROVIDERS, type MergePolicy, type RealNameProviderName } from '@yima/shared';
import { build, envSchemaOf, optional, setting, settingsOf, type Out } from './settings';

const bool = z.enum(['0', '1', 'true', 'false']).transform((v) => v === '1' || v === 'true');
const int = (min: number, max: number) => z.coerce.number().int().min(min).max(max);
/** `host:port,host:port` (Redis Cluster seed nodes). */
const redisClusterNodes = z
  .string()
  .transform((raw) =>
    raw
      .split(',')
      .map((s) => s.trim())
      .filter(Boolean),
  )
  .pipe(
    z.array(
      z
        .string()
        .regex(/^[A-Za-z0-9.-]+:\d{1,5}$/, 'host:port')
        .transform((hp) => ({ host: hp.slice(0, hp.lastIndexOf(':')), port: Number(hp.slice(hp.lastIndexOf(':') + 1)) })),
    ),
  );
const MiB = 1024 * 1024;
const HOUR_MS = 3600_000;
/** A database account name we can spell in GRANT statements without quoting surprises. */
const mysqlUrl = z
  .url()
  .refine(
    (v) => /^mysql:$/.test(new URL(v).protocol) && /^[A-Za-z0-9_]{1,32}$/.test(decodeURIComponent(new URL(v).username)),
    'must be mysql://user[:password]@host[:port]/database, the user made of letters, digits and _ (at most 32)',
  );
const key32 = z
  .string()
  .refine((v) => Buffer.from(v, 'base64').length === 32, 'must be 32 bytes, base64-encoded')
  .transform((v) => Buffer.from(v, 'base64'));
const pem = z
  .string()
  .transform((v) => v.replace(/\\n/g, '\n'))
  .refine((v) => v.includes('-----BEGIN'), 'must be a PEM key (\\n may stand for newlines)');

/** "kid:base64-seed,kid:base64-seed": Ed25519 private keys (32-byte seeds) by key id. All of
 * them verify; CODE_SIGNING_KID (default: the last listed) signs. Rotation: add the new key
 * last, keep the old one until its tokens have expired, then remove it. */
const signingKeys = z.string().transform((v, ctx) => {
  const keys = v.split(',').map((entry) => {
    const [kid, seed] = entry.trim().split(':');
    return { kid: Number(kid), seed: Buffer.from(seed ?? '', 'base64') };
  });
  for (const k of keys) {
    if (!Number.isInteger(k.kid) || k.kid < 0 || k.kid > 65535 || k.seed.length !== 32) {
      ctx.addIssue({ code: 'custom', message: 'must be kid:base64-32-byte-seed entries, kid 0–65535, comma-separated' });
      return z.NEVER;
    }
  }
  if (new Set(keys.map((k) => k.kid)).size !== keys.length) {
    ctx.addIssue({ code: 'custom', message: 'key ids must be unique' });
    return z.NEVER;
  }
  return keys;
});

/** "feedId:base64-secret,…": the HMAC-SHA256 key of each provincial feed (at least 32 bytes). */
const feedKeys = z.string().transform((v, ctx) => {
  const feeds = new Map<string, Buffer>();
  for (const entry of v.split(',')) {
    const [id, secret] = entry.trim().split(':');
    const key = Buffer.from(secret ?? '', 'base64');
    if (!/^[a-z0-9-]{2,40}$/.test(id ?? '') || key.length < 32 || feeds.has(id)) {
      ctx.addIssue({ code: 'custom', message: 'must be feedId:base64-secret entries (id a–z, 0–9, -; secret ≥ 32 bytes; ids unique), comma-separated' });
      return z.NEVER;
    }
    feeds.set(id, key);
  }
  return feeds;
});

/** Other regions whose codes we recognise: JSON [{id,name,keys:[{kid,publicKey(base64 raw 32 bytes)}]}]. */
const trustedIssuers = z
  .string()
  .transform((v, ctx) => {
    try {
      return JSON.parse(v) as unknown;
    } catch {
      ctx.addIssue({ code: 'custom', message: 'must be JSON' });
      return z.NEVER;
    }
  })
  .pipe(
    z.array(
      z.strictObject({
        id: z.string().regex(/^[a-z0-9-]{2,40}$/),
        name: z.string().min(1).max(60),
        keys: z
          .array(
            z.strictObject({
              kid: z.number().int().min(0).max(65535),
              publicKey: z.string().refine((k) => Buffer.from(k, 'base64').length === 32, 'an Ed25519 public key: 32 bytes, base64'),
            }),
          )
          .min(1),
      }),
    ),
  );

/** "tencent,wechat": the real-name providers in use, each once. */
const realNameProviders = z.string().transform((v, ctx) => {
  const names = v
    .split(',')
    .map((n) => n.trim())
    .filter(Boolean);
  for (const n of names) {
    if (!(REAL_NAME_PROVIDERS as readonly string[]).includes(n) || names.indexOf(n) !== names.lastIndexOf(n)) {
      ctx.addIssue({ code: 'custom', message: `must be a comma-separated list of ${REAL_NAME_PROVIDERS.join(', ')}, each at most once` });
      return z.NEVER;
    }
  }
  return names as RealNameProviderName[];
});

const TENCENT_SMS = 'required for `tencent`';

/** Every key, where its value lands. Order is the docs' order. */
const SETTINGS = {
  port: setting('PORT', int(0, 65535).default(8080), 'where the BFF listens (port)'),
  host: setting('HOST', z.string().default('127.0.0.1'), 'where the BFF listens (address)'),
  workers: setting(
    'BFF_WORKERS',
    int(1, 64).default(1),
    'worker processes serving the port (node:cluster). `1`: one process, as before. More: a primary migrates once, forks that many workers sharing the port, replaces a worker that dies (with a growing pause, logged) and passes SIGTERM/SIGINT on to them; at most the number of cores is useful (docs/decisions/0029-several-processes.md)',
  ),
  mysqlUrl: setting(
    'MYSQL_URL',
    mysqlUrl.default('mysql://root@127.0.0.1:3306/yima'),
    'the account and database the BFF queries with. With `MYSQL_ADMIN_URL` set, this account is created (or its password reset) with per-table grants — the audit tables insert and select only; `scripts/dev-env.sh` makes a local `yima_app` with a random password (docs/decisions/0015-database-grants-and-config.md)',
  ),
  mysqlAdminUrl: setting(
    'MYSQL_ADMIN_URL',
    mysqlUrl.optional(),
    "an account that may create databases, tables, users and grants: the BFF, `npm run seed` and `npm run admin` use it only to create the database, migrate and grant `MYSQL_URL`'s account its privileges (its path is ignored: the database is `MYSQL_URL`'s). Unset: `MYSQL_URL` migrates too and nothing is enforced by the database (a warning at start)",
  ),
  mysqlAppHost: setting(
    'MYSQL_APP_HOST',
    z
      .string()
      .regex(/^[A-Za-z0-9.%_:-]{1,255}$/)
      .default('%'),
    "the host part of the application account `MYSQL_ADMIN_URL` creates (`'user'@'%'`: from any address the server's network lets in)",
  ),
  mysqlPoolSize: setting('MYSQL_POOL_SIZE', int(1, 200).default(10), 'connections per process'),
  mysqlQueryTimeoutMs: setting(
    'MYSQL_QUERY_TIMEOUT_MS',
    int(50, 60_000).default(600),
    'the deadline of one SQL query on the request path, waiting for a pooled connection included: past it the request gets 503 `DEPENDENCY_TIMEOUT` and the connection is closed, never reused (a stalled MariaDB must not hang every request; docs/decisions/0027-deadlines-and-degraded-modes.md)',
  ),
  mysqlJobTimeoutMs: setting(
    'MYSQL_JOB_TIMEOUT_MS',
    int(1000, 3_600_000).default(120_000),
    "the deadline of one SQL query in long jobs: a provincial batch's chunks, the visit drainer's batches, retention, the statistics flush and the admin CLI (migrations wait up to an hour)",
  ),
  redisUrl: setting('REDIS_URL', z.url().default('redis://127.0.0.1:6379/0'), 'Redis: sessions, SMS codes, rate limits'),
  redisClusterNodes: setting(
    'REDIS_CLUSTER_NODES',
    redisClusterNodes.default([]),
    'Redis Cluster: some of its nodes, `host:port,host:port`; when set, `REDIS_URL` is not used (docs/decisions/0030-redis-cluster.md)',
  ),
  redisCommandTimeoutMs: setting(
    'REDIS_COMMAND_TIMEOUT_MS',
    int(50, 60_000).default(400),
    'the deadline of one Redis command: past it the request gets 503 `DEPENDENCY_TIMEOUT` (the blocking stream read of the visit drainer and the pub/sub subscriber have their own)',
  ),
  shutdownTimeoutMs: setting(
    'SHUTDOWN_TIMEOUT_MS',
    int(500, 120_000).default(10_000),
    'on SIGTERM/SIGINT, how long requests in flight may take to finish before the process exits 1 anyway (open long polls are answered at once; docs/decisions/0028-shutdown-idempotency-sessions.md)',
  ),
  dev: setting('YIMA_DEV', bool.default(false), '`1` enables dev-only routes (`/api/dev/*`) and allows the outbox SMS provider. Never in production'),
  logLevel: setting('LOG_LEVEL', z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'), 'pino level'),
  trustProxyHops: setting(
    'TRUST_PROXY_HOPS',
    int(0, 10).default(0),
    "how many proxies of yours stand in front of the BFF. The client address (for per-client SMS and login limits) is that many entries from the **right** of `X-Forwarded-For`; entries to their left are whatever the client wrote and are ignored. `0`: the header is ignored and the socket peer is the client (a BFF exposed directly). Behind one load balancer: `1`; CDN → load balancer → BFF: `2`. A request with fewer entries than hops counts under its socket peer. Set it right: with `0` behind a load balancer the whole city shares the balancer's address and one SMS bucket. IPv6 clients count per /64. (`TRUST_PROXY` was replaced by this and is refused at start.) See docs/decisions/0012-client-address.md.",
  ),
  requestLogSample: setting(
    'REQUEST_LOG_SAMPLE',
    z.coerce.number().min(0).max(1).default(0.01),
    'share of successful, fast requests that get a request-log line; failed (≥ 400) and slow (≥ 500 ms) ones always do. `npm start` uses `1`',
  ),
  staticDir: setting('STATIC_DIR', z.string().optional(), 'serve the H5 build from this folder'),
  piiKey: setting('PII_KEY', key32, '32 bytes, base64: AES-256-GCM key for names, ID numbers, phones'),
  blindIndexKey: setting('BLIND_INDEX_KEY', key32, '32 bytes, base64: HMAC key for lookups by phone/ID and for Redis keys'),
  sessionTtlSeconds: setting('SESSION_TTL_SECONDS', int(60, 90 * 86400).default(7 * 86400), 'session lifetime (default 7 days)'),
  city: {
    name: setting('CITY_NAME', z.string().trim().min(1).max(40).default('演示市'), "the city's name, the app's header (`GET /api/city`)"),
    authority: setting(
      'ISSUING_AUTHORITY',
      z.string().trim().min(1).max(60).default('演示市卫生健康委员会'),
      'the authority that issues the codes, named under the city on the home page (`GET /api/city`)',
    ),
  },
  codes: {
    issuerId: setting(
      'ISSUER_ID',
      z
        .string()
        .regex(/^[a-z0-9-]{2,40}$/)
        .default('yima'),
      "this city's issuer name in the trust list",
    ),
    signingKeys: setting(
      'CODE_SIGNING_KEYS',
      signingKeys,
      '`kid:base64-seed,…` Ed25519 seeds (32 bytes) by key id (0–65535). All verify; the last listed signs. Rotate by adding a key last and removing the old one once its tokens have expired',
    ),
    signingKid: setting('CODE_SIGNING_KID', int(0, 65535).optional(), 'which key signs', 'last listed'),
    tokenTtlSeconds: setting('CODE_TOKEN_TTL_SECONDS', int(60, 3600).default(300), 'life of an on-screen token'),
    refreshSeconds: setting('CODE_REFRESH_SECONDS', int(10, 3600).default(60), 'the code page refreshes this often (must be shorter than the TTL)'),
    tokenReuseSeconds: setting(
      'CODE_TOKEN_REUSE_SECONDS',
      int(0, 600).default(20),
      'a token signed this recently for the same holder and colour is reused (at most TTL − refresh)',
    ),
    cacheSeconds: setting(
      'CODE_CACHE_SECONDS',
      int(0, 300).default(30),
      'in-process cache of sessions and code states, dropped on any change via Redis pub/sub; `0` turns it off',
    ),
  },
  merge: {
    policy: {
      name: setting(
        'MERGE_POLICY',
        z.enum(MERGE_POLICIES).default('most-severe'),
        "how a person's sources merge into one colour: `most-severe`, `provincial-prevails` or `local-prevails` (docs/merge-policy.md)",
      ),
      // Check-ins go out of date by their own rules (CHECKIN_OVERDUE) and marks until lifted
      // or expired, so only the feeds of others have a freshness limit.
      freshnessMs: {
        provincial: setting(
          'PROVINCIAL_FRESHNESS_HOURS',
          z.coerce
            .number()
            .positive()
            .max(24 * 30)
            .default(12)
            .transform((h) => h * HOUR_MS),
          'a provincial state not re-sent for this many hours is shown as stale (and, under most-severe, yields to fresh sources)',
        ),
        recognised: setting(
          'RECOGNISED_FRESHNESS_HOURS',
          z.coerce
            .number()
            .positive()
            .max(24 * 30)
            .default(24)
            .transform((h) => h * HOUR_MS),
          "the same for another region's code, counted from its issue time",
        ),
      },
    },
    hotline: setting('HOTLINE', z.string().min(3).max(40).default('12345'), 'the number residents are told to call about a mark or a provincial state'),
    provincialHotline: setting(
      'PROVINCIAL_HOTLINE',
      z.string().min(3).max(40).default('12345'),
      'the number a conversion request (转码申请) is answered with when the provincial state decides the colour: the province reviews its own states',
    ),
  },
  /** How check-ins lower a colour they raised (shared/src/colourTransitions.ts, decision 0021). */
  transitions: {
    yellowDays: setting(
      'CHECKIN_YELLOW_DAYS',
      int(1, 60).default(7),
      'a yellow the resident (or a relative for them) declared turns green only after this many consecutive days with a healthy check-in, or an approved conversion request (seed 001: 7)',
    ),
    redDays: setting('CHECKIN_RED_DAYS', int(1, 60).default(14), 'the same for a declared red (seed 001: 14); a red does not stop at yellow on the way'),
  },
  provincial: {
    feeds: setting(
      'PROVINCIAL_FEEDS',
      feedKeys.default(() => new Map()),
      '`feedId:base64-secret,…`: the HMAC-SHA256 key (≥ 32 bytes) of each provincial feed; without it the feed route refuses everything. `scripts/dev-env.sh` makes a local `province` feed',
      '—',
    ),
    maxBatchBytes: setting(
      'PROVINCIAL_MAX_BATCH_MB',
      int(1, 16_384)
        .default(1024)
        .transform((mb) => mb * MiB),
      'largest batch body accepted, in MiB (`Content-Length` above it: 413 before anything is read)',
    ),
    spoolDir: setting(
      'PROVINCIAL_SPOOL_DIR',
      z.string().default(join(tmpdir(), 'yima-feed-spool')),
      'where batch bodies are spooled while they stream in (created owner-only; each file is removed when its request ends)',
      '`<os temp>/yima-feed-spool`',
    ),
    spoolMaxBytes: setting(
      'PROVINCIAL_SPOOL_MAX_MB',
      int(1, 1_048_576)
        .default(2048)
        .transform((mb) => mb * MiB),
      'MiB all feed uploads in progress may reserve together, across every BFF process (reserved from `Content-Length` before the body is read; above it: 429 `SPOOL_FULL`). At least `PROVINCIAL_MAX_BATCH_MB`; keep it below the free space of the spool folder',
    ),
    signatureWindowSeconds: setting(
      'PROVINCIAL_SIGNATURE_WINDOW_SECONDS',
      int(30, 3600).default(300),
      "a feed request's `X-Feed-Timestamp` may differ this much from the BFF's clock (30–3600); each signature is remembered in Redis for twice this, to be accepted once",
    ),
    rowsPerStatement: setting(
      'PROVINCIAL_ROWS_PER_STATEMENT',
      int(1, 20_000).default(5000),
      'lines per chunk (one transaction, one multi-row upsert, its rows in key order); 5000 measured fastest of 2000, 5000 and 10000 on a million-line batch',
    ),
    writers: setting('PROVINCIAL_WRITERS', int(1, 16).default(2), 'chunks written at once, each on its own connection'),
    workerAboveBytes: setting(
      'PROVINCIAL_WORKER_ABOVE_BYTES',
      int(0, 2 ** 40).default(MiB),
      "batches larger than this are read and checked in worker threads; smaller ones (deltas) on the request's thread",
    ),
    readers: setting(
      'PROVINCIAL_READERS',
      int(1, 16).default(2),
      'worker threads reading a large batch, one byte range each; 2 took a million-line batch from 37.3 to 32.6 s even on 2 cores (one reader fell behind the writers)',
    ),
  },
  /** The health-record feeds (docs/health-feeds.md, decision 0026): their own feeds and keys,
   * so a lab's key cannot send colours and a provincial key cannot send test results. The
   * batch limits, spool and signature window are the provincial feed's (one spool for all). */
  healthFeeds: {
    nucleicAcid: setting(
      'NUCLEIC_ACID_FEEDS',
      feedKeys.default(() => new Map()),
      "`feedId:base64-secret,…`: the HMAC-SHA256 key (≥ 32 bytes) of each nucleic-acid result feed (a lab or another region's platform; the id is shown as the source); without it `/api/feeds/nucleic-acid/batches` refuses everything. `scripts/dev-env.sh` makes a local `lab` feed",
      '—',
    ),
    vaccination: setting(
      'VACCINATION_FEEDS',
      feedKeys.default(() => new Map()),
      '`feedId:base64-secret,…`: the same for vaccination feeds (`/api/feeds/vaccination/batches`). `scripts/dev-env.sh` makes a local `vaccines` feed',
      '—',
    ),
  },
  dependents: {
    perFiler: setting('DEPENDENTS_PER_FILER', int(1, 100).default(10), 'relatives one resident may file for'),
    failsPerFilerPerDay: setting(
      'DEPENDENT_FAILS_PER_FILER_PER_DAY',
      int(1, 1000).default(5),
      'refused attempts to add a relative (wrong name, own account, new-record limit) one account may make a day; then 429 `TOO_MANY_ATTEMPTS`',
    ),
    failsPerIdPerDay: setting(
      'DEPENDENT_FAILS_PER_ID_PER_DAY',
      int(1, 1000).default(10),
      'the same per target ID number, whoever tries (many accounts cannot share the guessing of one name)',
    ),
    newRecordsPerFilerPerDay: setting(
      'DEPENDENT_NEW_RECORDS_PER_FILER_PER_DAY',
      int(1, 1000).default(5),
      'new person records (unknown ID numbers) one account may create a day',
    ),
    paperCodeDays: setting('PAPER_CODE_DAYS', int(1, 30).default(7), 'validity of a printed paper code in days (Jinan printed 14-day codes)'),
  },
  venues: {
    publicBaseUrl: setting(
      'PUBLIC_BASE_URL',
      z.url().default('http://127.0.0.1:8080'),
      'where the H5 app is served: place-code posters point at `<this>/#/pages/visit/index?p=<code>`',
    ),
    mergeMinutes: setting(
      'VISIT_MERGE_MINUTES',
      int(0, 24 * 60).default(30),
      'a second scan of the same place by the same person within this window extends the visit instead of adding one',
    ),
    retentionDays: setting('VISIT_RETENTION_DAYS', int(1, 3650).default(28), 'visits older than this are deleted by the retention job'),
    flagDistanceM: setting(
      'VISIT_FLAG_DISTANCE_M',
      int(10, 1_000_000).default(1000),
      'a visit whose shared location is further than this from the place is flagged for review (never changes a colour)',
    ),
    claimIdleMs: setting(
      'VISIT_CLAIM_IDLE_MS',
      int(100, 3600_000).default(30_000),
      'visits a stopped process had taken from the stream but not written are taken over by another process after this long',
    ),
    drainer: setting(
      'VISIT_DRAINER',
      z.enum(['thread', 'inline']).optional(),
      'where each BFF process writes the visit streams to MySQL: `thread` (a worker thread of its own, with its own MySQL and Redis connections, so that the drainer does not share the event loop that answers scans) or `inline` (on the request thread). A single process gains a core from a thread; `BFF_WORKERS` processes, one per core, already use them, and a thread each then only crowds them. The test app drains inline (docs/decisions/0032-visit-drainer-thread.md)',
      '`thread`; `inline` with `BFF_WORKERS` > 1',
    ),
    streamShards: setting(
      'VISIT_STREAM_SHARDS',
      int(1, 64).optional(),
      'acknowledged visits are spread over this many Redis streams, each drained on its own, so that no one stream (one Redis Cluster slot, one node) carries the whole city. Changing it is safe: processes keep draining every stream ever used (docs/decisions/0030-redis-cluster.md)',
      '1; 6 with `REDIS_CLUSTER_NODES`',
    ),
    ack: {
      mode: setting(
        'VISIT_ACK',
        z.enum(['write', 'replica']).default('replica'),
        'when a visit is acknowledged (201): `replica` (production) once `VISIT_ACK_REPLICAS` Redis replicas also have it (Redis WAIT, one per group of visits; on a Redis Cluster the replicas of each stream’s master; survives the loss of the Redis host), `write` once it is in the Redis stream (survives a Redis crash; with `appendfsync everysec` up to ~1 s of visits is lost with the Redis host: for a Redis without replica, e.g. `scripts/dev-env.sh`). Fewer replicas within `VISIT_ACK_TIMEOUT_MS`: 503 `NOT_REPLICATED` (docs/decisions/0031-durable-acknowledgement.md)',
      ),
      replicas: setting('VISIT_ACK_REPLICAS', int(1, 16).default(1), 'with `VISIT_ACK=replica`: how many Redis replicas must confirm a visit'),
      timeoutMs: setting(
        'VISIT_ACK_TIMEOUT_MS',
        int(10, 10_000).default(300),
        'with `VISIT_ACK=replica`: how long the replicas may take (a visit queued behind a slow confirmation can wait up to twice this) before 503 `NOT_REPLICATED`',
      ),
    },
    idLookupsPerHour: setting('ID_LOOKUPS_PER_HOUR', int(1, 100_000).default(60), 'ID-number lookups per venue-staff account per hour'),
  },
  trustedIssuers: setting(
    'TRUSTED_ISSUERS',
    trustedIssuers.default([]),
    'JSON `[{"id","name","keys":[{"kid","publicKey"}]}]`: other regions whose codes we recognise (raw 32-byte Ed25519 keys, base64)',
  ),
  sms: {
    provider: setting(
      'SMS_PROVIDER',
      z.enum(['outbox', 'tencent']).default('tencent'),
      '`tencent`, or `outbox` (dev only: messages readable at `/api/dev/sms-outbox`)',
    ),
    timeoutMs: setting('SMS_TIMEOUT_MS', int(100, 10_000).default(1500), 'the longest we wait for the provider; the user is answered within 2 s'),
    globalPerSecond: setting(
      'SMS_GLOBAL_PER_SECOND',
      int(1, 1_000_000).default(200),
      "the provider's capacity; above it requests get `SMS_PROVIDER_BUSY` and simple login",
    ),
    ipLimit: setting('SMS_IP_LIMIT', int(1, 1_000_000).default(30), 'codes per client address per window'),
    ipWindowSeconds: setting('SMS_IP_WINDOW_SECONDS', int(1, 86400).default(3600), 'the window of `SMS_IP_LIMIT`'),
    tencent: optional({
      secretId: setting('TENCENT_SMS_SECRET_ID', z.string().optional(), 'Tencent Cloud SMS API key id', TENCENT_SMS),
      secretKey: setting('TENCENT_SMS_SECRET_KEY', z.string().optional(), 'Tencent Cloud SMS API key secret', TENCENT_SMS),
      sdkAppId: setting('TENCENT_SMS_SDK_APP_ID', z.string().optional(), 'Tencent Cloud SMS application (SdkAppId)', TENCENT_SMS),
      signName: setting('TENCENT_SMS_SIGN_NAME', z.string().optional(), 'the approved SMS signature (签名)', TENCENT_SMS),
      templateId: setting('TENCENT_SMS_TEMPLATE_ID', z.string().optional(), 'the approved template; it takes `{1}` code and `{2}` minutes', TENCENT_SMS),
      endpoint: setting('TENCENT_SMS_ENDPOINT', z.string().default('sms.tencentcloudapi.com'), 'where the SDK sends (tests point it at a fake on loopback)'),
      protocol: setting('TENCENT_SMS_PROTOCOL', z.enum(['https', 'http']).default('https'), 'the protocol the SDK sends with'),
      region: setting('TENCENT_SMS_REGION', z.string().default('ap-guangzhou'), 'the Tencent Cloud region of the SMS application'),
    }),
  },
  platforms: {
    timeoutMs: setting('PLATFORM_TIMEOUT_MS', int(100, 10_000).default(1500), 'the longest we wait for WeChat/Alipay'),
    wechat: optional({
      appId: setting('WECHAT_APP_ID', z.string().optional(), 'the mini-program AppID: WeChat login is off unless it and `WECHAT_APP_SECRET` are set'),
      appSecret: setting('WECHAT_APP_SECRET', z.string().optional(), 'the mini-program AppSecret'),
      apiBase: setting(
        'WECHAT_API_BASE',
        z.url().default('https://api.weixin.qq.com'),
        "where WeChat's server API is called (tests point it at a fake on loopback)",
      ),
    }),
    alipay: optional({
      appId: setting('ALIPAY_APP_ID', z.string().optional(), 'the Alipay app id: Alipay login is off unless it and both keys are set'),
      privateKey: setting('ALIPAY_PRIVATE_KEY', pem.optional(), 'our application private key (PEM; `\\n` may stand for newlines), signs requests'),
      publicKey: setting('ALIPAY_PUBLIC_KEY', pem.optional(), "Alipay's public key (PEM), verifies its responses"),
      gateway: setting(
        'ALIPAY_GATEWAY',
        z.url().default('https://openapi.alipay.com/gateway.do'),
        'where Alipay is called (tests point it at a fake on loopback)',
      ),
    }),
  },
  /** Real-name (face) verification, docs/decisions/0008-real-name-verification.md. */
  realName: {
    providers: setting(
      'REAL_NAME_PROVIDERS',
      realNameProviders.default([]),
      'real-name (face) verification providers in use, comma-separated: `tencent` (H5: Tencent Cloud FaceID 慧眼), `wechat` (weapp: `wx.startFacialRecognitionVerify`, uses the WeChat app id and secret), `alipay` (Alipay 实人认证, uses the Alipay keys), `dev` (passes everyone; only with `YIMA_DEV=1`; serves any channel whose own provider is not listed). Without one, claiming an ID number that already has a record is impossible (503 `VERIFICATION_NOT_CONFIGURED`) — docs/decisions/0008',
      '— (none)',
    ),
    timeoutMs: setting(
      'REAL_NAME_TIMEOUT_MS',
      int(100, 10_000).default(3000),
      'the longest we wait for a verification provider (then 502 `VERIFICATION_UNAVAILABLE`)',
    ),
    startsPerDay: setting(
      'REAL_NAME_STARTS_PER_DAY',
      int(1, 1000).default(5),
      'verifications one account may start per day (each costs a fee); a start the provider could not serve is not counted',
    ),
    registrationRefusalsPerDay: setting(
      'REGISTRATION_REFUSALS_PER_DAY',
      int(1, 1000).default(5),
      'declared registrations refused per account and day because the ID number is held by another account or has a record (each such answer tells about someone else); then 429 TOO_MANY_ATTEMPTS for any ID number',
    ),
    ttlSeconds: setting('REAL_NAME_TTL_SECONDS', int(60, 86400).default(1800), 'how long a started verification may be completed'),
    returnUrl: setting(
      'REAL_NAME_RETURN_URL',
      z.url().optional(),
      "where FaceID's and Alipay's H5 pages send the user back (`verification=<id>` is added)",
      '`<PUBLIC_BASE_URL>/#/pages/register/index`',
    ),
    tencent: optional({
      secretId: setting(
        'TENCENT_FACEID_SECRET_ID',
        z.string().optional(),
        'FaceID API key pair (a CAM sub-user limited to `faceid:DetectAuth` and `faceid:GetDetectInfoEnhanced`); required with `tencent`',
      ),
      secretKey: setting('TENCENT_FACEID_SECRET_KEY', z.string().optional(), 'its secret; required with `tencent`'),
      ruleId: setting('TENCENT_FACEID_RULE_ID', z.string().optional(), 'the 业务流程 RuleId from the FaceID console; required with `tencent`'),
      endpoint: setting(
        'TENCENT_FACEID_ENDPOINT',
        z.url().default('https://faceid.tencentcloudapi.com'),
        'FaceID API endpoint (requests are TC3-HMAC-SHA256 signed for its host)',
      ),
    }),
    alipayBizCode: setting(
      'ALIPAY_CERTIFY_BIZ_CODE',
      z
        .string()
        .regex(/^[A-Z_]{2,40}$/)
        .default('FACE'),
      '`biz_code` of alipay.user.certify.open.initialize, as contracted with Alipay',
    ),
  },
};

/** Keys that were replaced: refused, so an old setting is not silently dropped. */
const REPLACED: Record<string, string> = {
  TRUST_PROXY: 'replaced by TRUST_PROXY_HOPS: the number of your own proxies in front of the BFF (0 = none)',
};

type Parsed = Out<typeof SETTINGS>;

/** The validated configuration. Two values fall back on others when unset, so they are
 * always defined here: the signing key id (the last key listed) and the return URL; the merge
 * policy is shared's type (looked up by source kind). */
export type Config = Parsed & {
  codes: { signingKid: number };
  venues: { streamShards: number; drainer: 'thread' | 'inline' };
  realName: { returnUrl: string };
  merge: { policy: MergePolicy };
};

export type Env = Record<string, string | undefined>;

/** The settings tree, for the docs table (cli/configDoc.ts). */
export const CONFIG_SETTINGS = SETTINGS;

/** Rules between keys, over the parsed values; each problem names the key to change. `set`
 * says whether a key was given (its group may be absent because another key is missing). */
function crossKeyProblems(c: Parsed, set: (env: string) => boolean): [string, string][] {
  const out: [string, string][] = [];
  const problem = (key: string, message: string) => out.push([key, message]);
  if (c.codes.signingKid !== undefined && !c.codes.signingKeys.some((k) => k.kid === c.codes.signingKid))
    problem('CODE_SIGNING_KID', 'must be one of the key ids in CODE_SIGNING_KEYS');
  if (c.codes.tokenReuseSeconds > c.codes.tokenTtlSeconds - c.codes.refreshSeconds) {
    problem('CODE_TOKEN_REUSE_SECONDS', 'a reused token must outlive the next refresh: at most CODE_TOKEN_TTL_SECONDS − CODE_REFRESH_SECONDS');
  }
  if (c.codes.refreshSeconds >= c.codes.tokenTtlSeconds) problem('CODE_REFRESH_SECONDS', 'must be shorter than CODE_TOKEN_TTL_SECONDS');
  if (c.provincial.spoolMaxBytes < c.provincial.maxBatchBytes) {
    problem('PROVINCIAL_SPOOL_MAX_MB', 'must be at least PROVINCIAL_MAX_BATCH_MB, or the largest batch could never be received');
  }
  if (c.sms.provider === 'outbox' && !c.dev) problem('SMS_PROVIDER', 'outbox sends nothing; it is allowed only with YIMA_DEV=1');
  if (c.mysqlAdminUrl !== undefined) {
    const [app, admin] = [new URL(c.mysqlUrl), new URL(c.mysqlAdminUrl)];
    if (app.username === admin.username)
      problem('MYSQL_ADMIN_URL', "must name another account than MYSQL_URL's: the admin grants the BFF's account its limited privileges");
    if (app.host !== admin.host) problem('MYSQL_ADMIN_URL', 'must name the same server (host and port) as MYSQL_URL');
  }
  const realName = new Set(c.realName.providers);
  if (realName.has('dev') && !c.dev) problem('REAL_NAME_PROVIDERS', 'dev verifies anyone; it is allowed only with YIMA_DEV=1');
  if (realName.has('tencent')) {
    for (const k of ['TENCENT_FACEID_SECRET_ID', 'TENCENT_FACEID_SECRET_KEY', 'TENCENT_FACEID_RULE_ID'])
      if (!set(k)) problem(k, 'required when REAL_NAME_PROVIDERS has tencent');
  }
  if (realName.has('wechat') && !c.platforms.wechat) problem('REAL_NAME_PROVIDERS', 'wechat needs WECHAT_APP_ID and WECHAT_APP_SECRET');
  if (realName.has('alipay') && !c.platforms.alipay) problem('REAL_NAME_PROVIDERS', 'alipay needs ALIPAY_APP_ID, ALIPAY_PRIVATE_KEY and ALIPAY_PUBLIC_KEY');
  if (c.sms.provider === 'tencent') {
    for (const k of ['TENCENT_SMS_SECRET_ID', 'TENCENT_SMS_SECRET_KEY', 'TENCENT_SMS_SDK_APP_ID', 'TENCENT_SMS_SIGN_NAME', 'TENCENT_SMS_TEMPLATE_ID']) {
      if (!set(k)) problem(k, 'required when SMS_PROVIDER=tencent');
    }
  }
  return out;
}

/** Thrown with every problem listed, so a bad deployment says all that is wrong at once. */
export class ConfigError extends Error {}

const envSchema = envSchemaOf(SETTINGS);

export function loadConfig(env: Env): Config {
  // Empty strings mean "unset": shells and .env files write them for blank values.
  const cleaned = Object.fromEntries(Object.entries(env).filter(([, v]) => v !== undefined && v !== ''));
  const problems: [string, string][] = Object.keys(REPLACED)
    .filter((k) => k in cleaned)
    .map((k) => [k, REPLACED[k]]);
  const parsed = envSchema.safeParse(cleaned);
  if (parsed.success && !problems.length) {
    const c = build(SETTINGS, parsed.data);
    problems.push(...crossKeyProblems(c, (k) => k in cleaned));
    if (!problems.length) {
      const keys = c.codes.signingKeys;
      return {
        ...c,
        codes: { ...c.codes, signingKid: c.codes.signingKid ?? keys[keys.length - 1].kid },
        venues: {
          ...c.venues,
          streamShards: c.venues.streamShards ?? (c.redisClusterNodes.length ? 6 : 1),
          drainer: c.venues.drainer ?? (c.workers > 1 ? 'inline' : 'thread'),
        },
        realName: { ...c.realName, returnUrl: c.realName.returnUrl ?? `${c.venues.publicBaseUrl.replace(/\/$/, '')}/#/pages/register/index` },
      };
    }
  }
  if (!parsed.success) problems.push(...parsed.error.issues.map((i): [string, string] => [i.path.join('.'), i.message]));
  const lines = problems.map(([key, message]) => `  ${key}: ${message}`);
  throw new ConfigError(`invalid configuration:\n${lines.join('\n')}`);
}

/** Every key's name, for checks that the docs and scripts name only real keys. */
export const CONFIG_KEYS: readonly string[] = [...settingsOf(SETTINGS).map((s) => s.env), ...Object.keys(REPLACED)];
