/**
 * The big data set of issue 14: a city of N registered residents in a database of its own
 * (`yima_big_<label>`), migrated with the real migrations and filled with rows as the BFF
 * itself writes them — names, ID numbers and phones sealed with the PII key, blind indexes
 * with the index key — so a BFF started with `bigDataEnv()` reads them like its own.
 *
 * `npm run bench:bigdata -- --residents 10000000` generates (or completes) the data set;
 * test/bench/bigDataBench.ts measures the code page and scans against it.
 *
 * Mix (per resident, from a PRNG seeded by the resident's number, so a resumed run makes the
 * same city): every resident has a verified account, a check-in today (85 %) or yesterday, and
 * most also the day before; 2 % declared a symptom in their latest check-in (self-declared
 * yellow, held by checkin_holds as the check-in fold leaves it); 1 % carry an active red mark
 * of their district (home isolation); 30 % have a green provincial state (the feed covers
 * people who travelled); 10 % filed 1–2 relatives (a person row with no account, a check-in
 * the filer filed, a dependents row); everyone has 2 visits over the last 7 days at one of
 * N/200 places; everyone's colour history ends on the colour the merge gives, so reading a
 * code notices no drift and writes nothing.
 *
 * Resumable: residents are written in chunks, each chunk (every table's rows of those
 * residents, and the meta row saying how far the set goes) in one transaction, with ids
 * derived from the resident's number. A run at the size already recorded does nothing; a run
 * at a larger size continues where the last stopped. Dates are relative to when a chunk was
 * written: check-ins go overdue after 3 days (GREEN_VALID_MS), so a set older than about two
 * days measures overdue (yellow) codes — still the same queries, but regenerate for the mix.
 */
import { createCipheriv, createHash, createHmac, randomBytes } from 'node:crypto';
import { Readable } from 'node:stream';
import mysql from 'mysql2/promise';
import { idCheckChar, maskIdNumber, PRIVACY_NOTICE_VERSION } from '@yima/shared';
import { loadConfig } from '@yima/bff/src/config';
import { prepareDatabase } from '@yima/bff/src/db/setup';
import { newPlaceCode } from '@yima/bff/src/features/venues';
import { testEnv } from '../support/testApp';
import { ensureBufferPool } from './bufferPool';

/** Not a secret: the benchmark's own keys, fixed so a data set made once is readable by every
 * later run's BFF (the test suites' keys are random per run). */
const BIG_KEY_SEED = createHash('sha256').update('yima-bench-bigdata-not-a-secret').digest();
const derived = (purpose: string) => createHmac('sha256', BIG_KEY_SEED).update(purpose).digest().toString('base64');
const PII_KEY = derived('pii');
const BLIND_INDEX_KEY = derived('blind-index');
export const BIG_REDIS = process.env.YIMA_BIG_REDIS ?? 'redis://127.0.0.1:6382';
const APP_PASSWORD = 'yima-big-app';

export const bigDatabase = (label: string) => `yima_big_${label.replace(/[^a-z0-9]/gi, '').toLowerCase()}`;

/** The BFF's environment for a big data set (its database, a Redis DB of its own, its keys). */
export function bigDataEnv(database: string, redisDb: number): Record<string, string> {
  return {
    ...testEnv('bench'),
    PII_KEY,
    BLIND_INDEX_KEY,
    CODE_SIGNING_KEYS: `1:${derived('code-signing')}`,
    MYSQL_URL: `mysql://yima_big:${APP_PASSWORD}@127.0.0.1:3306/${database}`,
    MYSQL_ADMIN_URL: `mysql://root@127.0.0.1:3306/${database}`,
    REDIS_URL: `${BIG_REDIS}/${redisDb}`,
  };
}

/** The buffer pool the big data set is generated and measured with (`BENCH_BUFFER_POOL_MB`,
 * default 8 GiB of this 24 GiB machine: the indexes the code page and scans read, not the
 * whole set; docs/deployment-database.md). */
export const bigDataBufferPoolMib = () => Number(process.env.BENCH_BUFFER_POOL_MB ?? 8192);

/** Residents per transaction: small enough for the redo log, large enough that commits and
 * round trips are noise. */
const CHUNK = 10_000;
/** Relatives' person ids start here, two per filer: `DEP_BASE + 2 × resident + k`. */
const DEP_BASE = 1_000_000_000_000;
const DISTRICTS = ['110101', '110102', '110105', '110106', '110107', '110108', '110109', '110111', '110112', '110113'];
const SURNAMES =
  '王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程苏魏吕丁任沈姚卢姜崔钟谭陆汪范金石廖贾夏韦付方白邹孟熊秦邱江尹薛闫段雷侯龙史陶黎贺顾毛郝龚邵万钱严覃武戴莫孔向汤';
const GIVEN = '伟芳娜秀英敏静丽强磊军洋勇艳杰娟涛明超秀兰霞平刚桂英华玉兰萍红娥建华文辉力斌宇浩凯鹏飞鑫波宁婷雪梅琳晨阳子涵欣怡思雨佳琪梓萱浩然宇轩';
const VENUE_TYPES = ['community', 'unit', 'station', 'checkpoint', 'public'] as const;

/** mulberry32: a resident's numbers from its own seed, the same on every run. */
function rng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** The same sealing as bff/src/crypto/pii.ts (format 1, 12-byte IV, tag, column bound in as
 * associated data), with the key object made once: it runs tens of millions of times. */
const encKey = Buffer.from(PII_KEY, 'base64');
const idxKey = Buffer.from(BLIND_INDEX_KEY, 'base64');
function seal(field: string, plaintext: string): string {
  const iv = randomBytes(12);
  const cipher = createCipheriv('aes-256-gcm', encKey, iv);
  cipher.setAAD(Buffer.from(field));
  const body = Buffer.concat([cipher.update(plaintext, 'utf8'), cipher.final()]);
  return Buffer.concat([Buffer.from([1]), iv, cipher.getAuthTag(), body]).toString('hex');
}
const blind = (field: string, value: string) => createHmac('sha256', idxKey).update(`${field}\0${value}`).digest('hex');

/** An ID number unique per `n` (< 27 M per district list entry): birth day and sequence from n. */
export function idNumberOf(n: number): string {
  const day = n % 27_000;
  const seq = Math.floor(n / 27_000) % 1000;
  const region = DISTRICTS[Math.floor(n / 27_000_000) % DISTRICTS.length];
  const birth = new Date(Date.UTC(1940, 0, 1) + day * 86400_000).toISOString().slice(0, 10).replaceAll('-', '');
  const first17 = `${region}${birth}${String(seq).padStart(3, '0')}`;
  return first17 + idCheckChar(first17);
}
export const phoneOf = (resident: number) => `13${String(resident).padStart(9, '0')}`;

const sqlTime = (t: number) => new Date(t).toISOString().slice(0, 23).replace('T', ' ');
const chinaDay = (t: number) => new Date(t + 8 * 3600_000).toISOString().slice(0, 10);

const GREEN_ANSWERS = (district: string) =>
  JSON.stringify({ temperature: 'normal', symptoms: [], visitedAreas: [], contact: 'none', address: { district, detail: '1号' } });
const YELLOW_ANSWERS = (district: string) =>
  JSON.stringify({ temperature: 'normal', symptoms: ['cough'], visitedAreas: [], contact: 'none', address: { district, detail: '1号' } });

/** Rows of one chunk, per table, as tab-separated lines (binary columns in hex). */
type Rows = Record<string, string[]>;

function chunkRows(from: number, to: number, venues: number, now: number): Rows {
  const rows: Rows = {
    persons: [],
    users: [],
    verified_accounts: [],
    checkins: [],
    checkin_holds: [],
    marks: [],
    provincial_states: [],
    colour_history: [],
    dependents: [],
    visits: [],
  };
  const at = sqlTime(now);
  const today = chinaDay(now);
  const yesterday = chinaDay(now - 86400_000);
  const dayBefore = chinaDay(now - 2 * 86400_000);
  const person = (id: number, n: number, random: () => number) => {
    const idNumber = idNumberOf(n);
    const name =
      SURNAMES[Math.floor(random() * SURNAMES.length)] +
      GIVEN[Math.floor(random() * GIVEN.length)] +
      (random() < 0.6 ? GIVEN[Math.floor(random() * GIVEN.length)] : '');
    const idHash = blind('id_number', idNumber);
    rows.persons.push(`${id}\t${idHash}\t${seal('id_number', idNumber)}\t${seal('name', name)}\t${randomBytes(8).toString('hex')}\t${at}\t${at}`);
    return { idHash, idNumber };
  };
  const history = (personId: number, idHash: string, color: string, decidedBy: string, reason: string, t: number) =>
    rows.colour_history.push(`${personId}\t${idHash}\tgrey\t${color}\t${decidedBy}\tsystem\t${reason}\t\t${sqlTime(t)}`);
  for (let r = from; r < to; r++) {
    const random = rng(r * 2654435761);
    const district = DISTRICTS[r % DISTRICTS.length];
    const { idHash, idNumber } = person(r, r, random);
    const phone = phoneOf(r);
    rows.users.push(`${r}\t${blind('phone', phone)}\t${seal('phone', phone)}\t${r}\tzh\t${at}\t${at}\t${at}\t${PRIVACY_NOTICE_VERSION}`);
    rows.verified_accounts.push(`${r}\t${r}\tdev\t${randomBytes(16).toString('hex')}\t${at}`);
    const roll = random();
    const colour = roll < 0.01 ? 'red' : roll < 0.03 ? 'yellow' : 'green';
    // Latest check-in: today for most, yesterday for the rest (at a random minute of the day).
    const latestToday = random() < 0.85;
    const latestAt = now - Math.floor(random() * 20 * 3600_000) - (latestToday ? 0 : 86400_000);
    const latestDay = latestToday ? today : yesterday;
    const answers = colour === 'yellow' ? YELLOW_ANSWERS(district) : GREEN_ANSWERS(district);
    const checkinColour = colour === 'yellow' ? 'yellow' : 'green';
    const checkinReasons = colour === 'yellow' ? 'SYMPTOMS' : '';
    rows.checkins.push(`${r}\t${latestDay}\t${answers}\t${checkinColour}\t${checkinReasons}\t${sqlTime(latestAt)}\t${r}\t\\N`);
    if (random() < 0.8)
      rows.checkins.push(`${r}\t${latestToday ? yesterday : dayBefore}\t${GREEN_ANSWERS(district)}\tgreen\t\t${sqlTime(latestAt - 86400_000)}\t${r}\t\\N`);
    if (colour === 'yellow') rows.checkin_holds.push(`${r}\tyellow\tSYMPTOMS\t${sqlTime(latestAt)}\t\\N\t\\N\t${sqlTime(latestAt)}`);
    if (colour === 'red') {
      const setAt = now - Math.floor(random() * 5 * 86400_000);
      rows.marks.push(
        `${r}\t${idHash}\t${district}\tred\tHOME_ISOLATION\t居家隔离\t《传染病防治法》第三十九条\t1\t${sqlTime(setAt)}\t\\N\t\\N\t\\N\t\\N\t${maskIdNumber(idNumber)}`,
      );
    }
    if (random() < 0.3) rows.provincial_states.push(`${idHash}\tgreen\tNONE\t省平台\tprovince\t${sqlTime(now - 86400_000)}\t${sqlTime(now - 3600_000)}\t1`);
    history(
      r,
      idHash,
      colour,
      colour === 'red' ? `mark:${district}` : 'checkin',
      colour === 'red' ? 'HOME_ISOLATION' : colour === 'yellow' ? 'SYMPTOMS' : 'CHECKIN_OK',
      latestAt,
    );
    if (random() < 0.1) {
      const count = random() < 0.5 ? 1 : 2;
      for (let k = 0; k < count; k++) {
        const depId = DEP_BASE + 2 * r + k;
        // Relatives' ID numbers come after every resident's (the district list's second half).
        const dep = person(depId, 100_000_000 + 2 * r + k, random);
        rows.dependents.push(`${2 * r + k}\t${r}\t${depId}\t${k === 0 ? 'parent' : 'child'}\t\\N\t${at}\t${at}\t\\N\t\\N`);
        rows.checkins.push(`${depId}\t${latestDay}\t${GREEN_ANSWERS(district)}\tgreen\t\t${sqlTime(latestAt)}\t${r}\t\\N`);
        history(depId, dep.idHash, 'green', 'checkin', 'CHECKIN_OK', latestAt);
      }
    }
    for (let k = 0; k < 2; k++) {
      const id = 2 * r + k;
      const venue = 1 + Math.floor(random() * venues);
      const visitAt = now - Math.floor(random() * 7 * 86400_000);
      rows.visits.push(`${id}\t${venue}\t${r}\tself\t${colour}\t${k === 0 ? 'pass' : 'scan'}\t\\N\t0\t0\t${sqlTime(visitAt)}\tbig-${id}`);
    }
  }
  return rows;
}

/** LOAD DATA column lists: `@x` columns are hex, unhexed by SET. */
const LOAD: Record<string, string> = {
  persons:
    '(id, @id_hash, @id_number_enc, @name_enc, @holder_id, created_at, updated_at) SET id_hash = UNHEX(@id_hash), id_number_enc = UNHEX(@id_number_enc), name_enc = UNHEX(@name_enc), holder_id = UNHEX(@holder_id)',
  users:
    '(id, @phone_hash, @phone_enc, person_id, locale, registered_at, created_at, updated_at, privacy_version) SET phone_hash = UNHEX(@phone_hash), phone_enc = UNHEX(@phone_enc)',
  verified_accounts: '(user_id, person_id, provider, verification_id, verified_at)',
  checkins: '(person_id, day, answers, color, reasons, checked_in_at, filed_by, converted_at)',
  checkin_holds: '(person_id, color, reasons, since, run_from, run_to, updated_at)',
  marks:
    '(id, @id_hash, district, color, reason_code, note, legal_basis, set_by, effective_at, expires_at, lifted_at, lifted_by, lift_reason, id_masked) SET id_hash = UNHEX(@id_hash)',
  provincial_states: '(@id_hash, color, reason_code, reason_text, set_by, effective_at, received_at, version) SET id_hash = UNHEX(@id_hash)',
  colour_history: '(id, @id_hash, old_color, new_color, decided_by, actor, reason_code, reason_text, at) SET id_hash = UNHEX(@id_hash)',
  dependents: '(id, filer_user_id, person_id, relation, relation_text, consent_at, created_at, removed_at, removed_by)',
  visits: '(id, venue_id, person_id, holder, color, via, recorded_by, flagged, verified_offline, at, stream_id)',
  venues:
    '(id, place_code, type, name, address, district, organisation, active, rotating, @code_secret, created_by, created_at, updated_at) SET code_secret = UNHEX(@code_secret)',
};

async function load(conn: mysql.Connection, table: string, lines: string[]): Promise<void> {
  if (!lines.length) return;
  const body = Buffer.from(`${lines.join('\n')}\n`, 'utf8');
  await conn.query({
    sql: `LOAD DATA LOCAL INFILE 'rows.tsv' INTO TABLE \`${table}\` CHARACTER SET utf8mb4 ${LOAD[table]}`,
    infileStreamFactory: () => Readable.from([body]),
  });
}

/** A single updating line on stderr: done/total, rate, ETA. */
export function progressBar(total: number, unit: string) {
  const started = Date.now();
  let last = 0;
  return {
    update(done: number, force = false) {
      const now = Date.now();
      if (!force && now - last < 500) return;
      last = now;
      const seconds = (now - started) / 1000;
      const rate = done / Math.max(seconds, 0.001);
      const eta = rate > 0 ? (total - done) / rate : Infinity;
      const width = 30;
      const filled = Math.round((done / total) * width);
      const fmtTime = (s: number) => {
        if (!Number.isFinite(s)) return '?';
        const whole = Math.round(s);
        return `${Math.floor(whole / 60)}m${String(whole % 60).padStart(2, '0')}s`;
      };
      process.stderr.write(
        `\r[${'#'.repeat(filled)}${'.'.repeat(width - filled)}] ${done.toLocaleString('en-US')}/${total.toLocaleString('en-US')} ${unit} ${Math.round(rate).toLocaleString('en-US')}/s elapsed ${fmtTime(seconds)} ETA ${fmtTime(eta)}   `,
      );
    },
    end() {
      process.stderr.write('\n');
    },
  };
}

export interface DataSetInfo {
  database: string;
  residents: number;
  /** Seconds spent generating, over every run that added to the set. */
  generationSeconds: number;
  /** information_schema: data + index bytes of the set's tables. */
  bytes: number;
  rows: Record<string, number>;
  generatedAt: string;
  venues: number;
  staffUserId: number;
}

const venuesFor = (residents: number) => Math.max(50, Math.floor(residents / 200));

/** Makes (or completes) a data set of `residents` residents in `database`; returns what it is. */
export async function ensureDataSet(database: string, residents: number, opts: { quiet?: boolean; generate?: boolean } = {}): Promise<DataSetInfo> {
  if (!/^yima_big/.test(database)) throw new Error('big data sets live in databases named yima_big*');
  const generate = opts.generate ?? true;
  // The real migrations and the application account, as the BFF would make them.
  await prepareDatabase(loadConfig(bigDataEnv(database, 0)));
  const conn = await mysql.createConnection({
    host: '127.0.0.1',
    user: 'root',
    database,
    timezone: 'Z',
    multipleStatements: false,
    infileStreamFactory: () => Readable.from([]),
  });
  try {
    await conn.query('CREATE TABLE IF NOT EXISTS bigdata_meta (k VARCHAR(32) NOT NULL PRIMARY KEY, v VARCHAR(64) NOT NULL) ENGINE=InnoDB');
    const meta = async () =>
      Object.fromEntries((await conn.query<mysql.RowDataPacket[]>('SELECT k, v FROM bigdata_meta'))[0].map((r) => [String(r.k), String(r.v)]));
    const setMeta = (k: string, v: string | number) => conn.query('REPLACE INTO bigdata_meta (k, v) VALUES (?, ?)', [k, String(v)]);
    let m = await meta();
    const venues = venuesFor(residents);
    if (m.venues && Number(m.venues) !== venues && Number(m.done ?? 0) > 0 && Number(m.target) !== residents)
      throw new Error(`${database} holds a set made for ${m.target} residents; use another --label or drop it`);
    // Bulk-load settings for this session only: uniqueness is ours by construction (ids from the
    // resident's number, hashes of distinct values), so InnoDB may buffer secondary-index
    // changes instead of reading each unique index's page first.
    await conn.query('SET SESSION unique_checks = 0, foreign_key_checks = 0');
    if (!m.venues && generate) {
      const at = sqlTime(Date.now());
      const lines: string[] = [];
      for (let v = 1; v <= venues; v++)
        lines.push(
          `${v}\t${newPlaceCode()}\t${VENUE_TYPES[v % VENUE_TYPES.length]}\t压测场所${v}\t压测路${v}号\t${DISTRICTS[v % DISTRICTS.length]}\t\t1\t0\t${randomBytes(32).toString('hex')}\t1\t${at}\t${at}`,
        );
      await conn.beginTransaction();
      await conn.query('DELETE FROM venues');
      await load(conn, 'venues', lines);
      // Resident 1 is also staff of place 1 (the scan benchmark's guard), as `admin grant` makes it.
      await conn.query("REPLACE INTO user_roles (user_id, role, scope, granted_at) VALUES (1, 'venue-staff', '1', ?)", [at]);
      await setMeta('venues', venues);
      await setMeta('target', residents);
      await setMeta('done', 0);
      await setMeta('seconds', 0);
      await setMeta('generated_at', new Date().toISOString());
      await conn.commit();
      m = await meta();
    }
    let done = Number(m.done);
    if (!generate && !done) throw new Error(`${database} holds no residents yet: generate it first (npm run bench:bigdata)`);
    if (generate && done < residents) {
      // With the default 128 MiB pool the load slowed from 6.7k to ~1k residents/s past 1 M
      // (the secondary indexes outgrew it); a server holding millions has a pool sized to them.
      await ensureBufferPool(bigDataBufferPoolMib());
      await setMeta('target', residents);
      const bar = opts.quiet ? undefined : progressBar(residents, 'residents');
      let seconds = Number(m.seconds);
      let since = Date.now();
      while (done < residents) {
        const to = Math.min(residents, done + CHUNK);
        const rows = chunkRows(done + 1, to + 1, venues, Date.now());
        await conn.beginTransaction();
        for (const [table, lines] of Object.entries(rows)) await load(conn, table, lines);
        const now = Date.now();
        seconds += (now - since) / 1000;
        since = now;
        await setMeta('done', to);
        await setMeta('seconds', seconds.toFixed(1));
        await conn.commit();
        done = to;
        bar?.update(done, done === residents);
      }
      bar?.end();
      await setMeta('generated_at', new Date().toISOString());
      // Fresh statistics for the optimiser after a bulk load, as an operator would after an import.
      await conn.query(
        'ANALYZE TABLE persons, users, verified_accounts, checkins, checkin_holds, marks, provincial_states, colour_history, dependents, visits',
      );
      m = await meta();
    } else if (generate && done > residents) {
      throw new Error(`${database} already holds ${done} residents (more than ${residents}): use another --label`);
    }
    const [tables] = await conn.query<mysql.RowDataPacket[]>(
      'SELECT TABLE_NAME AS t, TABLE_ROWS AS n, DATA_LENGTH + INDEX_LENGTH AS bytes FROM information_schema.TABLES WHERE TABLE_SCHEMA = ?',
      [database],
    );
    return {
      database,
      residents: Number(m.done),
      generationSeconds: Number(m.seconds),
      bytes: tables.reduce((s, r) => s + Number(r.bytes), 0),
      rows: Object.fromEntries(tables.filter((r) => Number(r.n) > 0).map((r) => [String(r.t), Number(r.n)])),
      generatedAt: m.generated_at,
      venues: Number(m.venues),
      staffUserId: 1,
    };
  } finally {
    await conn.end();
  }
}

function arg(name: string): string | undefined {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? process.argv[i + 1] : undefined;
}

/** "10000000" → "10m", "10000" → "10k": the default database label. */
export const sizeLabel = (n: number) => (n % 1_000_000 === 0 ? `${n / 1_000_000}m` : n % 1000 === 0 ? `${n / 1000}k` : String(n));

if (process.argv[1] && /bigData\.ts$/.test(process.argv[1])) {
  const residents = Number(arg('residents') ?? 10_000_000);
  if (!Number.isInteger(residents) || residents < 1000) throw new Error('--residents: a whole number ≥ 1000');
  const database = bigDatabase(arg('label') ?? sizeLabel(residents));
  ensureDataSet(database, residents)
    .then((info) => {
      console.log(
        `${info.database}: ${info.residents.toLocaleString('en-US')} residents, ${(info.bytes / 2 ** 30).toFixed(2)} GiB, generated in ${info.generationSeconds.toFixed(0)} s`,
      );
    })
    .catch((err) => {
      console.error(err);
      process.exit(1);
    });
}
