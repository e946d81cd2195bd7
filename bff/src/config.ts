/**
 * Configuration from the environment, validated once at start. Every key is documented in
 * docs/configuration.md; defaults are safe for production (dev routes off, outbox SMS only
 * with YIMA_DEV=1). Secrets have no defaults: scripts/dev-env.sh generates local ones.
 */
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { z } from 'zod';
import { MERGE_POLICIES, REAL_NAME_PROVIDERS, type MergePolicy, type RealNameProviderName } from '@yima/shared';

const bool = z
  .enum(['0', '1', 'true', 'false'])
  .transform((v) => v === '1' || v === 'true');
const int = (min: number, max: number) => z.coerce.number().int().min(min).max(max);
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
          .array(z.strictObject({ kid: z.number().int().min(0).max(65535), publicKey: z.string().refine((k) => Buffer.from(k, 'base64').length === 32, 'an Ed25519 public key: 32 bytes, base64') }))
          .min(1),
      }),
    ),
  );

/** "tencent,wechat": the real-name providers in use, each once. */
const realNameProviders = z.string().transform((v, ctx) => {
  const names = v.split(',').map((n) => n.trim()).filter(Boolean);
  for (const n of names) {
    if (!(REAL_NAME_PROVIDERS as readonly string[]).includes(n) || names.indexOf(n) !== names.lastIndexOf(n)) {
      ctx.addIssue({ code: 'custom', message: `must be a comma-separated list of ${REAL_NAME_PROVIDERS.join(', ')}, each at most once` });
      return z.NEVER;
    }
  }
  return names as RealNameProviderName[];
});

const envSchema = z
  .object({
    PORT: int(0, 65535).default(8080),
    HOST: z.string().default('127.0.0.1'),
    MYSQL_URL: z.url().default('mysql://root@127.0.0.1:3306/yima'),
    MYSQL_POOL_SIZE: int(1, 200).default(10),
    REDIS_URL: z.url().default('redis://127.0.0.1:6379/0'),
    YIMA_DEV: bool.default(false),
    LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
    /** How many proxies of ours stand in front of the BFF (http/clientAddress.ts). */
    TRUST_PROXY_HOPS: int(0, 10).default(0),
    /** Replaced by TRUST_PROXY_HOPS: refused, so an old setting is not silently dropped. */
    TRUST_PROXY: z.string().optional(),
    REQUEST_LOG_SAMPLE: z.coerce.number().min(0).max(1).default(0.01),
    STATIC_DIR: z.string().optional(),

    PII_KEY: key32,
    BLIND_INDEX_KEY: key32,
    SESSION_TTL_SECONDS: int(60, 90 * 86400).default(7 * 86400),

    ISSUER_ID: z.string().regex(/^[a-z0-9-]{2,40}$/).default('yima'),
    CODE_SIGNING_KEYS: signingKeys,
    CODE_SIGNING_KID: int(0, 65535).optional(),
    CODE_TOKEN_TTL_SECONDS: int(60, 3600).default(300),
    CODE_REFRESH_SECONDS: int(10, 3600).default(60),
    CODE_TOKEN_REUSE_SECONDS: int(0, 600).default(20),
    CODE_CACHE_SECONDS: int(0, 300).default(30),

    MERGE_POLICY: z.enum(MERGE_POLICIES).default('most-severe'),
    PROVINCIAL_FRESHNESS_HOURS: z.coerce.number().positive().max(24 * 30).default(12),
    RECOGNISED_FRESHNESS_HOURS: z.coerce.number().positive().max(24 * 30).default(24),
    PROVINCIAL_FEEDS: feedKeys.optional(),
    PROVINCIAL_MAX_BATCH_MB: int(1, 16_384).default(1024),
    PROVINCIAL_SPOOL_DIR: z.string().optional(),
    PROVINCIAL_SPOOL_MAX_MB: int(1, 1_048_576).default(2048),
    PROVINCIAL_SIGNATURE_WINDOW_SECONDS: int(30, 3600).default(300),
    PROVINCIAL_ROWS_PER_STATEMENT: int(1, 20_000).default(2000),
    PROVINCIAL_WRITERS: int(1, 16).default(2),
    PROVINCIAL_WORKER_ABOVE_BYTES: int(0, 2 ** 40).default(1024 * 1024),
    PROVINCIAL_READERS: int(1, 16).default(1),
    DEPENDENTS_PER_FILER: int(1, 100).default(10),
    DEPENDENT_FAILS_PER_FILER_PER_DAY: int(1, 1000).default(5),
    DEPENDENT_FAILS_PER_ID_PER_DAY: int(1, 1000).default(10),
    DEPENDENT_NEW_RECORDS_PER_FILER_PER_DAY: int(1, 1000).default(5),
    PUBLIC_BASE_URL: z.url().default('http://127.0.0.1:8080'),
    VISIT_MERGE_MINUTES: int(0, 24 * 60).default(30),
    VISIT_RETENTION_DAYS: int(1, 3650).default(28),
    VISIT_FLAG_DISTANCE_M: int(10, 1_000_000).default(1000),
    ID_LOOKUPS_PER_HOUR: int(1, 100_000).default(60),
    VISIT_CLAIM_IDLE_MS: int(100, 3600_000).default(30_000),
    PAPER_CODE_DAYS: int(1, 30).default(7),
    HOTLINE: z.string().min(3).max(40).default('12345'),
    TRUSTED_ISSUERS: trustedIssuers.default([]),

    SMS_PROVIDER: z.enum(['outbox', 'tencent']).default('tencent'),
    SMS_TIMEOUT_MS: int(100, 10_000).default(1500),
    SMS_GLOBAL_PER_SECOND: int(1, 1_000_000).default(200),
    SMS_IP_LIMIT: int(1, 1_000_000).default(30),
    SMS_IP_WINDOW_SECONDS: int(1, 86400).default(3600),
    TENCENT_SMS_ENDPOINT: z.string().default('sms.tencentcloudapi.com'),
    TENCENT_SMS_PROTOCOL: z.enum(['https', 'http']).default('https'),
    TENCENT_SMS_REGION: z.string().default('ap-guangzhou'),
    TENCENT_SMS_SECRET_ID: z.string().optional(),
    TENCENT_SMS_SECRET_KEY: z.string().optional(),
    TENCENT_SMS_SDK_APP_ID: z.string().optional(),
    TENCENT_SMS_SIGN_NAME: z.string().optional(),
    TENCENT_SMS_TEMPLATE_ID: z.string().optional(),

    PLATFORM_TIMEOUT_MS: int(100, 10_000).default(1500),
    WECHAT_API_BASE: z.url().default('https://api.weixin.qq.com'),
    WECHAT_APP_ID: z.string().optional(),
    WECHAT_APP_SECRET: z.string().optional(),
    ALIPAY_GATEWAY: z.url().default('https://openapi.alipay.com/gateway.do'),
    ALIPAY_APP_ID: z.string().optional(),
    ALIPAY_PRIVATE_KEY: pem.optional(),
    ALIPAY_PUBLIC_KEY: pem.optional(),

    REAL_NAME_PROVIDERS: realNameProviders.default([]),
    REAL_NAME_TIMEOUT_MS: int(100, 10_000).default(3000),
    REAL_NAME_STARTS_PER_DAY: int(1, 1000).default(5),
    REGISTRATION_REFUSALS_PER_DAY: int(1, 1000).default(5),
    REAL_NAME_TTL_SECONDS: int(60, 86400).default(1800),
    REAL_NAME_RETURN_URL: z.url().optional(),
    TENCENT_FACEID_ENDPOINT: z.url().default('https://faceid.tencentcloudapi.com'),
    TENCENT_FACEID_SECRET_ID: z.string().optional(),
    TENCENT_FACEID_SECRET_KEY: z.string().optional(),
    TENCENT_FACEID_RULE_ID: z.string().optional(),
    ALIPAY_CERTIFY_BIZ_CODE: z.string().regex(/^[A-Z_]{2,40}$/).default('FACE'),
  })
  .superRefine((env, ctx) => {
    if (env.TRUST_PROXY !== undefined) {
      ctx.addIssue({ code: 'custom', path: ['TRUST_PROXY'], message: 'replaced by TRUST_PROXY_HOPS: the number of your own proxies in front of the BFF (0 = none)' });
    }
    if (env.CODE_SIGNING_KID !== undefined && !env.CODE_SIGNING_KEYS.some((k) => k.kid === env.CODE_SIGNING_KID)) {
      ctx.addIssue({ code: 'custom', path: ['CODE_SIGNING_KID'], message: 'must be one of the key ids in CODE_SIGNING_KEYS' });
    }
    if (env.CODE_TOKEN_REUSE_SECONDS > env.CODE_TOKEN_TTL_SECONDS - env.CODE_REFRESH_SECONDS) {
      ctx.addIssue({ code: 'custom', path: ['CODE_TOKEN_REUSE_SECONDS'], message: 'a reused token must outlive the next refresh: at most CODE_TOKEN_TTL_SECONDS − CODE_REFRESH_SECONDS' });
    }
    if (env.CODE_REFRESH_SECONDS >= env.CODE_TOKEN_TTL_SECONDS) {
      ctx.addIssue({ code: 'custom', path: ['CODE_REFRESH_SECONDS'], message: 'must be shorter than CODE_TOKEN_TTL_SECONDS' });
    }
    if (env.PROVINCIAL_SPOOL_MAX_MB < env.PROVINCIAL_MAX_BATCH_MB) {
      ctx.addIssue({ code: 'custom', path: ['PROVINCIAL_SPOOL_MAX_MB'], message: 'must be at least PROVINCIAL_MAX_BATCH_MB, or the largest batch could never be received' });
    }
    if (env.SMS_PROVIDER === 'outbox' && !env.YIMA_DEV) {
      ctx.addIssue({ code: 'custom', path: ['SMS_PROVIDER'], message: 'outbox sends nothing; it is allowed only with YIMA_DEV=1' });
    }
    const realName = new Set(env.REAL_NAME_PROVIDERS);
    if (realName.has('dev') && !env.YIMA_DEV) {
      ctx.addIssue({ code: 'custom', path: ['REAL_NAME_PROVIDERS'], message: 'dev verifies anyone; it is allowed only with YIMA_DEV=1' });
    }
    if (realName.has('tencent')) {
      for (const k of ['TENCENT_FACEID_SECRET_ID', 'TENCENT_FACEID_SECRET_KEY', 'TENCENT_FACEID_RULE_ID'] as const) {
        if (!env[k]) ctx.addIssue({ code: 'custom', path: [k], message: 'required when REAL_NAME_PROVIDERS has tencent' });
      }
    }
    if (realName.has('wechat') && !(env.WECHAT_APP_ID && env.WECHAT_APP_SECRET)) {
      ctx.addIssue({ code: 'custom', path: ['REAL_NAME_PROVIDERS'], message: 'wechat needs WECHAT_APP_ID and WECHAT_APP_SECRET' });
    }
    if (realName.has('alipay') && !(env.ALIPAY_APP_ID && env.ALIPAY_PRIVATE_KEY && env.ALIPAY_PUBLIC_KEY)) {
      ctx.addIssue({ code: 'custom', path: ['REAL_NAME_PROVIDERS'], message: 'alipay needs ALIPAY_APP_ID, ALIPAY_PRIVATE_KEY and ALIPAY_PUBLIC_KEY' });
    }
    if (env.SMS_PROVIDER === 'tencent') {
      for (const k of ['TENCENT_SMS_SECRET_ID', 'TENCENT_SMS_SECRET_KEY', 'TENCENT_SMS_SDK_APP_ID', 'TENCENT_SMS_SIGN_NAME', 'TENCENT_SMS_TEMPLATE_ID'] as const) {
        if (!env[k]) ctx.addIssue({ code: 'custom', path: [k], message: 'required when SMS_PROVIDER=tencent' });
      }
    }
  });

export type Env = z.input<typeof envSchema>;

export interface Config {
  port: number;
  host: string;
  mysqlUrl: string;
  mysqlPoolSize: number;
  redisUrl: string;
  dev: boolean;
  logLevel: string;
  /** Proxies of ours in front of the BFF: the client address is this many entries from the right of X-Forwarded-For. */
  trustProxyHops: number;
  /** Share of successful, fast requests that get a log line (failures and slow ones always do). */
  requestLogSample: number;
  staticDir?: string;
  piiKey: Buffer;
  blindIndexKey: Buffer;
  sessionTtlSeconds: number;
  codes: {
    issuerId: string;
    signingKeys: { kid: number; seed: Buffer }[];
    signingKid: number;
    tokenTtlSeconds: number;
    refreshSeconds: number;
    tokenReuseSeconds: number;
    /** In-process cache of sessions and code states; 0 turns it off. */
    cacheSeconds: number;
  };
  merge: {
    policy: MergePolicy;
    /** Where residents ask about a mark or a provincial state (seed 004: 12345). */
    hotline: string;
  };
  provincial: {
    /** HMAC key per feed id. */
    feeds: Map<string, Buffer>;
    maxBatchBytes: number;
    /** Where bodies are spooled while they stream in (nothing else is written there). */
    spoolDir: string;
    /** Bytes all uploads in progress may reserve in the spool together (across processes). */
    spoolMaxBytes: number;
    /** A request's timestamp may be this far from our clock, and its signature is remembered
     * this long (twice) to refuse a replay. */
    signatureWindowSeconds: number;
    rowsPerStatement: number;
    /** Chunks written at once, each on its own connection. */
    writers: number;
    /** Batches larger than this are read in a worker thread (small ones, deltas, on the request's). */
    workerAboveBytes: number;
    /** Worker threads reading a large batch, one byte range each. */
    readers: number;
  };
  trustedIssuers: { id: string; name: string; keys: { kid: number; publicKey: string }[] }[];
  venues: {
    /** Where the mini-program's H5 build is served: place QR codes point there. */
    publicBaseUrl: string;
    /** A second scan of the same place by the same person within this window extends the visit. */
    mergeMinutes: number;
    retentionDays: number;
    /** A resident's shared location further than this from the place flags the visit for review. */
    flagDistanceM: number;
    /** ID-number lookups per staff account per hour. */
    idLookupsPerHour: number;
    /** Visits a stopped process had claimed are taken over by another after this idle time. */
    claimIdleMs: number;
  };
  dependents: {
    /** Relatives one resident may file for. */
    perFiler: number;
    /** Validity of a printed paper code (Jinan printed 14-day codes). */
    paperCodeDays: number;
    /** Refused attempts to add a relative (wrong name, own account, …) per filer per day. */
    failsPerFilerPerDay: number;
    /** The same per target ID number, whoever tries: many accounts cannot share the guessing. */
    failsPerIdPerDay: number;
    /** New person records (unknown ID numbers) one filer may create per day. */
    newRecordsPerFilerPerDay: number;
  };
  sms: {
    provider: 'outbox' | 'tencent';
    timeoutMs: number;
    globalPerSecond: number;
    ipLimit: number;
    ipWindowSeconds: number;
    tencent?: { endpoint: string; protocol: 'https' | 'http'; region: string; secretId: string; secretKey: string; sdkAppId: string; signName: string; templateId: string };
  };
  platforms: {
    timeoutMs: number;
    wechat?: { apiBase: string; appId: string; appSecret: string };
    alipay?: { gateway: string; appId: string; privateKey: string; publicKey: string };
  };
  /** Real-name (face) verification, docs/decisions/0008-real-name-verification.md. */
  realName: {
    providers: RealNameProviderName[];
    timeoutMs: number;
    /** Verifications one account may start per day (each costs the city a fee). */
    startsPerDay: number;
    /** Declared registrations (PUT /api/me/identity) one account may have refused per day
     * because another account or a record holds the ID number: each refusal tells who is. */
    registrationRefusalsPerDay: number;
    /** How long a started verification may be completed. */
    ttlSeconds: number;
    /** Where an H5 provider's page sends the user back (the registration page). */
    returnUrl: string;
    tencent?: { endpoint: string; secretId: string; secretKey: string; ruleId: string };
    alipayBizCode: string;
  };
}

/** Thrown with every problem listed, so a bad deployment says all that is wrong at once. */
export class ConfigError extends Error {}

export function loadConfig(env: Record<string, string | undefined>): Config {
  // Empty strings mean "unset": shells and .env files write them for blank values.
  const cleaned = Object.fromEntries(Object.entries(env).filter(([, v]) => v !== undefined && v !== ''));
  const parsed = envSchema.safeParse(cleaned);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((i) => `  ${i.path.join('.')}: ${i.message}`);
    throw new ConfigError(`invalid configuration:\n${lines.join('\n')}`);
  }
  const e = parsed.data;
  return {
    port: e.PORT,
    host: e.HOST,
    mysqlUrl: e.MYSQL_URL,
    mysqlPoolSize: e.MYSQL_POOL_SIZE,
    redisUrl: e.REDIS_URL,
    dev: e.YIMA_DEV,
    logLevel: e.LOG_LEVEL,
    trustProxyHops: e.TRUST_PROXY_HOPS,
    requestLogSample: e.REQUEST_LOG_SAMPLE,
    staticDir: e.STATIC_DIR,
    piiKey: e.PII_KEY,
    blindIndexKey: e.BLIND_INDEX_KEY,
    sessionTtlSeconds: e.SESSION_TTL_SECONDS,
    codes: {
      issuerId: e.ISSUER_ID,
      signingKeys: e.CODE_SIGNING_KEYS,
      signingKid: e.CODE_SIGNING_KID ?? e.CODE_SIGNING_KEYS[e.CODE_SIGNING_KEYS.length - 1].kid,
      tokenTtlSeconds: e.CODE_TOKEN_TTL_SECONDS,
      refreshSeconds: e.CODE_REFRESH_SECONDS,
      tokenReuseSeconds: e.CODE_TOKEN_REUSE_SECONDS,
      cacheSeconds: e.CODE_CACHE_SECONDS,
    },
    merge: {
      policy: {
        name: e.MERGE_POLICY,
        // Check-ins go out of date by their own rules (CHECKIN_OVERDUE) and marks until lifted
        // or expired, so only the feeds of others have a freshness limit.
        freshnessMs: { provincial: e.PROVINCIAL_FRESHNESS_HOURS * 3600_000, recognised: e.RECOGNISED_FRESHNESS_HOURS * 3600_000 },
      },
      hotline: e.HOTLINE,
    },
    provincial: {
      feeds: e.PROVINCIAL_FEEDS ?? new Map(),
      maxBatchBytes: e.PROVINCIAL_MAX_BATCH_MB * 1024 * 1024,
      spoolDir: e.PROVINCIAL_SPOOL_DIR ?? join(tmpdir(), 'yima-feed-spool'),
      spoolMaxBytes: e.PROVINCIAL_SPOOL_MAX_MB * 1024 * 1024,
      signatureWindowSeconds: e.PROVINCIAL_SIGNATURE_WINDOW_SECONDS,
      rowsPerStatement: e.PROVINCIAL_ROWS_PER_STATEMENT,
      writers: e.PROVINCIAL_WRITERS,
      workerAboveBytes: e.PROVINCIAL_WORKER_ABOVE_BYTES,
      readers: e.PROVINCIAL_READERS,
    },
    trustedIssuers: e.TRUSTED_ISSUERS,
    dependents: {
      perFiler: e.DEPENDENTS_PER_FILER,
      paperCodeDays: e.PAPER_CODE_DAYS,
      failsPerFilerPerDay: e.DEPENDENT_FAILS_PER_FILER_PER_DAY,
      failsPerIdPerDay: e.DEPENDENT_FAILS_PER_ID_PER_DAY,
      newRecordsPerFilerPerDay: e.DEPENDENT_NEW_RECORDS_PER_FILER_PER_DAY,
    },
    venues: {
      publicBaseUrl: e.PUBLIC_BASE_URL,
      mergeMinutes: e.VISIT_MERGE_MINUTES,
      retentionDays: e.VISIT_RETENTION_DAYS,
      flagDistanceM: e.VISIT_FLAG_DISTANCE_M,
      idLookupsPerHour: e.ID_LOOKUPS_PER_HOUR,
      claimIdleMs: e.VISIT_CLAIM_IDLE_MS,
    },
    sms: {
      provider: e.SMS_PROVIDER,
      timeoutMs: e.SMS_TIMEOUT_MS,
      globalPerSecond: e.SMS_GLOBAL_PER_SECOND,
      ipLimit: e.SMS_IP_LIMIT,
      ipWindowSeconds: e.SMS_IP_WINDOW_SECONDS,
      tencent:
        e.SMS_PROVIDER === 'tencent'
          ? {
              endpoint: e.TENCENT_SMS_ENDPOINT,
              protocol: e.TENCENT_SMS_PROTOCOL,
              region: e.TENCENT_SMS_REGION,
              secretId: e.TENCENT_SMS_SECRET_ID!,
              secretKey: e.TENCENT_SMS_SECRET_KEY!,
              sdkAppId: e.TENCENT_SMS_SDK_APP_ID!,
              signName: e.TENCENT_SMS_SIGN_NAME!,
              templateId: e.TENCENT_SMS_TEMPLATE_ID!,
            }
          : undefined,
    },
    platforms: {
      timeoutMs: e.PLATFORM_TIMEOUT_MS,
      wechat:
        e.WECHAT_APP_ID && e.WECHAT_APP_SECRET
          ? { apiBase: e.WECHAT_API_BASE, appId: e.WECHAT_APP_ID, appSecret: e.WECHAT_APP_SECRET }
          : undefined,
      alipay:
        e.ALIPAY_APP_ID && e.ALIPAY_PRIVATE_KEY && e.ALIPAY_PUBLIC_KEY
          ? { gateway: e.ALIPAY_GATEWAY, appId: e.ALIPAY_APP_ID, privateKey: e.ALIPAY_PRIVATE_KEY, publicKey: e.ALIPAY_PUBLIC_KEY }
          : undefined,
    },
    realName: {
      providers: e.REAL_NAME_PROVIDERS,
      timeoutMs: e.REAL_NAME_TIMEOUT_MS,
      startsPerDay: e.REAL_NAME_STARTS_PER_DAY,
      registrationRefusalsPerDay: e.REGISTRATION_REFUSALS_PER_DAY,
      ttlSeconds: e.REAL_NAME_TTL_SECONDS,
      returnUrl: e.REAL_NAME_RETURN_URL ?? `${e.PUBLIC_BASE_URL.replace(/\/$/, '')}/#/pages/register/index`,
      tencent:
        e.TENCENT_FACEID_SECRET_ID && e.TENCENT_FACEID_SECRET_KEY && e.TENCENT_FACEID_RULE_ID
          ? { endpoint: e.TENCENT_FACEID_ENDPOINT, secretId: e.TENCENT_FACEID_SECRET_ID, secretKey: e.TENCENT_FACEID_SECRET_KEY, ruleId: e.TENCENT_FACEID_RULE_ID }
          : undefined,
      alipayBizCode: e.ALIPAY_CERTIFY_BIZ_CODE,
    },
  };
}
