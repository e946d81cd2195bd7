import { randomBytes } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { CONFIG_KEYS, ConfigError, loadConfig } from './config';
import { CONFIG_DOC, withGeneratedTable } from './configDoc';
import { build, envSchemaOf, optional, setting, shownDefault } from './settings';

const key = () => randomBytes(32).toString('base64');
const minimal = { PII_KEY: key(), BLIND_INDEX_KEY: key(), YIMA_DEV: '1', SMS_PROVIDER: 'outbox', CODE_SIGNING_KEYS: `1:${key()},2:${key()}` };

describe('loadConfig', () => {
  it('when only keys and dev mode are given, then safe defaults fill the rest', () => {
    const c = loadConfig(minimal);
    expect(c.port).toBe(8080);
    expect(c.mysqlUrl).toBe('mysql://root@127.0.0.1:3306/yima');
    expect(c.sms).toMatchObject({ provider: 'outbox', globalPerSecond: 200 });
    expect(c.platforms.wechat).toBeUndefined();
  });

  it('when VISIT_DRAINER is unset, then one process drains in a thread and BFF_WORKERS > 1 drain inline; set, it is used; another value is refused', () => {
    expect(loadConfig(minimal).venues.drainer).toBe('thread');
    expect(loadConfig({ ...minimal, BFF_WORKERS: '2' }).venues.drainer).toBe('inline');
    expect(loadConfig({ ...minimal, BFF_WORKERS: '2', VISIT_DRAINER: 'thread' }).venues.drainer).toBe('thread');
    expect(loadConfig({ ...minimal, VISIT_DRAINER: 'inline' }).venues.drainer).toBe('inline');
    expect(() => loadConfig({ ...minimal, VISIT_DRAINER: 'process' })).toThrow(/VISIT_DRAINER/);
  });

  it('when the city is not configured, then the demo city and its health commission are named; set, they are used as given (trimmed), and an empty one is refused', () => {
    expect(loadConfig(minimal).city).toEqual({ name: '演示市', authority: '演示市卫生健康委员会' });
    expect(loadConfig({ ...minimal, CITY_NAME: ' 青城市 ', ISSUING_AUTHORITY: '青城市卫生健康委员会' }).city).toEqual({
      name: '青城市',
      authority: '青城市卫生健康委员会',
    });
    expect(() => loadConfig({ ...minimal, CITY_NAME: ' ' })).toThrow(/CITY_NAME/);
  });

  it('when keys are missing or short, then every problem is named at once', () => {
    try {
      loadConfig({ BLIND_INDEX_KEY: 'c2hvcnQ=', PORT: 'eighty' });
      expect.unreachable();
    } catch (err) {
      expect(err).toBeInstanceOf(ConfigError);
      const message = (err as Error).message;
      expect(message).toContain('PII_KEY');
      expect(message).toContain('BLIND_INDEX_KEY: must be 32 bytes');
      expect(message).toContain('PORT');
    }
  });

  it('when the replaced TRUST_PROXY is set, then start-up is refused and names TRUST_PROXY_HOPS; hops default to 0', () => {
    expect(() => loadConfig({ ...minimal, TRUST_PROXY: '1' })).toThrow(/TRUST_PROXY_HOPS/);
    expect(loadConfig(minimal).trustProxyHops).toBe(0);
    expect(loadConfig({ ...minimal, TRUST_PROXY_HOPS: '2' }).trustProxyHops).toBe(2);
  });

  it('when feed upload limits are not given, then the spool is in the temp folder, capped at 2 GiB, with a 5-minute signature window; a cap below the largest batch is refused', () => {
    expect(loadConfig(minimal).provincial).toMatchObject({
      spoolDir: expect.stringMatching(/yima-feed-spool$/),
      spoolMaxBytes: 2048 * 1048576,
      maxBatchBytes: 1024 * 1048576,
      signatureWindowSeconds: 300,
    });
    expect(
      loadConfig({ ...minimal, PROVINCIAL_SPOOL_DIR: '/srv/spool', PROVINCIAL_SPOOL_MAX_MB: '64', PROVINCIAL_MAX_BATCH_MB: '64' }).provincial,
    ).toMatchObject({ spoolDir: '/srv/spool', spoolMaxBytes: 64 * 1048576 });
    expect(() => loadConfig({ ...minimal, PROVINCIAL_SPOOL_MAX_MB: '512' })).toThrow(/PROVINCIAL_SPOOL_MAX_MB: must be at least PROVINCIAL_MAX_BATCH_MB/);
    expect(() => loadConfig({ ...minimal, PROVINCIAL_SIGNATURE_WINDOW_SECONDS: '5' })).toThrow(/PROVINCIAL_SIGNATURE_WINDOW_SECONDS/);
  });

  it('when the outbox SMS provider is asked for outside dev mode, then start-up is refused', () => {
    expect(() => loadConfig({ ...minimal, YIMA_DEV: '0' })).toThrow(/outbox sends nothing/);
  });

  it('when Tencent SMS is chosen without credentials, then each missing key is named', () => {
    expect(() => loadConfig({ ...minimal, SMS_PROVIDER: 'tencent' })).toThrow(/TENCENT_SMS_SECRET_ID: required/);
  });

  it('when a PEM key arrives with \\n escapes, then they become newlines', () => {
    const c = loadConfig({
      ...minimal,
      ALIPAY_APP_ID: '2021',
      ALIPAY_PRIVATE_KEY: '-----BEGIN PRIVATE KEY-----\\nabc\\n-----END PRIVATE KEY-----',
      ALIPAY_PUBLIC_KEY: '-----BEGIN PUBLIC KEY-----\\nabc\\n-----END PUBLIC KEY-----',
    });
    expect(c.platforms.alipay?.privateKey).toBe('-----BEGIN PRIVATE KEY-----\nabc\n-----END PRIVATE KEY-----');
  });

  it('when several signing keys are given, then the last signs unless CODE_SIGNING_KID says otherwise', () => {
    expect(loadConfig(minimal).codes.signingKid).toBe(2);
    expect(loadConfig({ ...minimal, CODE_SIGNING_KID: '1' }).codes.signingKid).toBe(1);
    expect(() => loadConfig({ ...minimal, CODE_SIGNING_KID: '3' })).toThrow(/CODE_SIGNING_KID/);
  });

  it('when a signing key is malformed or ids repeat, then start-up is refused', () => {
    expect(() => loadConfig({ ...minimal, CODE_SIGNING_KEYS: '1:c2hvcnQ=' })).toThrow(/CODE_SIGNING_KEYS/);
    expect(() => loadConfig({ ...minimal, CODE_SIGNING_KEYS: `1:${key()},1:${key()}` })).toThrow(/unique/);
  });
});

describe('loadConfig: real-name verification', () => {
  it('when nothing is said, then no provider is used and the return page is the H5 registration page', () => {
    const c = loadConfig({ ...minimal, PUBLIC_BASE_URL: 'https://yima.example/' });
    expect(c.realName).toMatchObject({ providers: [], startsPerDay: 5, ttlSeconds: 1800, returnUrl: 'https://yima.example/#/pages/register/index' });
  });

  it('when the dev provider is asked for outside dev mode, then start-up is refused', () => {
    expect(() => loadConfig({ ...minimal, SMS_PROVIDER: 'tencent', YIMA_DEV: '0', REAL_NAME_PROVIDERS: 'dev' })).toThrow(/dev verifies anyone/);
  });

  it('when a provider lacks its credentials, or is unknown or listed twice, then each problem is named', () => {
    expect(() => loadConfig({ ...minimal, REAL_NAME_PROVIDERS: 'tencent' })).toThrow(/TENCENT_FACEID_RULE_ID: required/);
    expect(() => loadConfig({ ...minimal, REAL_NAME_PROVIDERS: 'wechat' })).toThrow(/WECHAT_APP_ID/);
    expect(() => loadConfig({ ...minimal, REAL_NAME_PROVIDERS: 'alipay' })).toThrow(/ALIPAY_APP_ID/);
    expect(() => loadConfig({ ...minimal, REAL_NAME_PROVIDERS: 'faceplusplus' })).toThrow(/REAL_NAME_PROVIDERS/);
    expect(() => loadConfig({ ...minimal, REAL_NAME_PROVIDERS: 'dev,dev' })).toThrow(/each at most once/);
  });

  it('when FaceID is configured, then its endpoint and rule are kept', () => {
    const c = loadConfig({
      ...minimal,
      REAL_NAME_PROVIDERS: 'tencent,dev',
      TENCENT_FACEID_SECRET_ID: 'id',
      TENCENT_FACEID_SECRET_KEY: 'k',
      TENCENT_FACEID_RULE_ID: '1',
      TENCENT_FACEID_ENDPOINT: 'http://127.0.0.1:9/',
    });
    expect(c.realName.providers).toEqual(['tencent', 'dev']);
    expect(c.realName.tencent).toEqual({ endpoint: 'http://127.0.0.1:9/', secretId: 'id', secretKey: 'k', ruleId: '1' });
  });
});

describe('configuration keys, declared once', () => {
  it('when docs/configuration.md is read, then its table is exactly the one generated from the declarations (npm run docs:config)', async () => {
    const doc = await readFile(CONFIG_DOC, 'utf8');
    expect(doc).toBe(withGeneratedTable(doc));
    for (const key of CONFIG_KEYS.filter((k) => k !== 'TRUST_PROXY')) expect(doc).toContain(`| \`${key}\` |`);
  });

  it('when a key is declared twice, then building the schema fails', () => {
    expect(() => envSchemaOf({ a: setting('X', z.string(), 'a'), b: { c: setting('X', z.string(), 'c') } })).toThrow(/X is declared twice/);
  });

  it('when some of an optional group is missing, then the group is absent; when all is given, then present with its defaults', () => {
    const tree = { g: optional({ id: setting('G_ID', z.string().optional(), ''), base: setting('G_BASE', z.string().default('b'), '') }) };
    const schema = envSchemaOf(tree);
    expect(build(tree, schema.parse({})).g).toBeUndefined();
    expect(build(tree, schema.parse({ G_ID: 'x' })).g).toEqual({ id: 'x', base: 'b' });
  });

  it('when a default sits under a transform, then the docs show the value as written in the environment', () => {
    expect(
      shownDefault(
        setting(
          'MB',
          z.coerce
            .number()
            .default(1024)
            .transform((mb) => mb * 1048576),
          '',
        ),
      ),
    ).toBe('`1024`');
    expect(
      shownDefault(
        setting(
          'B',
          z
            .enum(['0', '1'])
            .transform((v) => v === '1')
            .default(false),
          '',
        ),
      ),
    ).toBe('`0`');
    expect(shownDefault(setting('K', z.string(), ''))).toBe('**required**');
    expect(shownDefault(setting('O', z.string().optional(), ''))).toBe('—');
  });

  it('when sizes are given in MiB and freshness in hours, then the config holds bytes and milliseconds', () => {
    const c = loadConfig({ ...minimal, PROVINCIAL_MAX_BATCH_MB: '2', PROVINCIAL_SPOOL_MAX_MB: '3', PROVINCIAL_FRESHNESS_HOURS: '1.5' });
    expect(c.provincial).toMatchObject({ maxBatchBytes: 2 * 1048576, spoolMaxBytes: 3 * 1048576 });
    expect(c.merge.policy).toEqual({ name: 'most-severe', freshnessMs: { provincial: 1.5 * 3600_000, recognised: 24 * 3600_000 } });
  });
});

describe('loadConfig: database accounts', () => {
  const app = 'mysql://yima_app:pw@127.0.0.1:3306/yima';
  it('when an admin URL is given, then it must name another account on the same server', () => {
    expect(loadConfig({ ...minimal, MYSQL_URL: app, MYSQL_ADMIN_URL: 'mysql://root@127.0.0.1:3306/' })).toMatchObject({
      mysqlUrl: app,
      mysqlAdminUrl: 'mysql://root@127.0.0.1:3306/',
      mysqlAppHost: '%',
    });
    expect(() => loadConfig({ ...minimal, MYSQL_URL: app, MYSQL_ADMIN_URL: 'mysql://yima_app:other@127.0.0.1:3306/yima' })).toThrow(
      /MYSQL_ADMIN_URL: must name another account/,
    );
    expect(() => loadConfig({ ...minimal, MYSQL_URL: app, MYSQL_ADMIN_URL: 'mysql://root@db.example:3306/yima' })).toThrow(
      /MYSQL_ADMIN_URL: must name the same server/,
    );
  });

  it('when the account name could not be spelled safely in a GRANT, then start-up is refused', () => {
    expect(() => loadConfig({ ...minimal, MYSQL_URL: "mysql://a'b@127.0.0.1/yima" })).toThrow(/MYSQL_URL/);
    expect(() => loadConfig({ ...minimal, MYSQL_URL: 'postgres://a@127.0.0.1/yima' })).toThrow(/MYSQL_URL/);
  });
});
