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
import { randomBytes } from 'node:crypto';
import { Readable } from 'node:stream';
import { Worker } from 'node:worker_threads';
import mysql from 'mysql2/promise';
import { loadConfig } from '@yima/bff/src/config';
import { prepareDatabase } from '@yima/bff/src/db/setup';
import { newPlaceCode } from '@yima/bff/src/features/venues';
import { testEnv } from '../support/testApp';
import { ensureBufferPool, ensureRedoLog } from './bufferPool';
import { BLIND_INDEX_KEY, derived, DISTRICTS, PII_KEY, sqlTime, VENUE_TYPES, type Rows } from './bigDataRows';

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

/** The redo log the set is generated with (`BENCH_REDO_LOG_MB`, default 2 GiB). */
const bigDataRedoLogMib = () => Number(process.env.BENCH_REDO_LOG_MB ?? 2048);

/** A worker thread that builds chunks' rows (bigDataRowsWorker.ts), one request at a time. */
function startRowsWorker() {
  // A worker does not inherit tsx's module hooks (nor honour `--import tsx` for its entry on
  // Node 20): a small script registers them, then imports the TypeScript module.
  const entry = new URL('./bigDataRowsWorker.ts', import.meta.url).href;
  const worker = new Worker(`import('tsx/esm/api').then(({ register }) => { register(); return import(${JSON.stringify(entry)}); });`, { eval: true });
  let pending: { resolve: (rows: Rows) => void; reject: (err: Error) => void } | undefined;
  worker.on('message', (rows: Rows) => pending?.resolve(rows));
  worker.on('error', (err) => pending?.reject(err));
  return {
    build(from: number, to: number, venues: number, now: number): Promise<Rows> {
      if (pending) throw new Error('one chunk at a time');
      return new Promise<Rows>((resolve, reject) => {
        pending = {
          resolve: (rows) => ((pending = undefined), resolve(rows)),
          reject: (err) => ((pending = undefined), reject(err)),
        };
        worker.postMessage({ from, to, venues, now });
      });
    },
    stop: () => worker.terminate(),
  };
}

/** Residents per transaction: small enough for the redo log, large enough that commits and
 * round trips are noise. */
const CHUNK = 10_000;

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
      // A bulk load through the default 96 MiB redo log spends its time in checkpoint flushes.
      await ensureRedoLog(bigDataRedoLogMib());
      await setMeta('target', residents);
      const bar = opts.quiet ? undefined : progressBar(residents, 'residents');
      let seconds = Number(m.seconds);
      let since = Date.now();
      // The rows of the next chunk are built in a worker thread while MariaDB loads this one:
      // building (sealing, hashing) is about a second of CPU per 10,000 residents, as much as
      // the load, and the machine has a second core for it.
      const rowsWorker = startRowsWorker();
      try {
        const chunkAfter = (from: number) => rowsWorker.build(from + 1, Math.min(residents, from + CHUNK) + 1, venues, Date.now());
        let next = chunkAfter(done);
        while (done < residents) {
          const to = Math.min(residents, done + CHUNK);
          const rows = await next;
          if (to < residents) next = chunkAfter(to);
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
      } finally {
        await rowsWorker.stop();
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
