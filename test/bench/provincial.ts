/**
 * The provincial feed benchmark (issue 4): a signed batch of a million lines over HTTP to a
 * BFF process, merged and with history, against a raw multi-row upsert of a million rows in
 * the same run (the ceiling). Run alone with `npx tsx test/bench/provincial.ts` (it rewrites
 * its section of docs/benchmarks.md) or as part of `npm run bench`.
 */
import { randomBytes } from 'node:crypto';
import { createReadStream, createWriteStream, readFileSync } from 'node:fs';
import { once } from 'node:events';
import { request } from 'node:http';
import { tmpdir, cpus, totalmem } from 'node:os';
import { join } from 'node:path';
import mysql from 'mysql2/promise';
import { createPii } from '@yima/bff/src/crypto/pii';
import { batchLines, generatedIdNumber } from '@yima/bff/src/features/provincial';
import { feedHeaders, fileDigest, signBody } from '@yima/bff/src/features/provincial';
import { startBffProcess, type BffProcess } from '../support/bffProcess';
import { profilingArgs } from './benchEnv';
import { existingSection, markers, writeSection } from './docSection';
import { ensureBufferPool } from './bufferPool';
import { dropTestDatabase } from '../support/globalSetup';
import { testEnv, TEST_DB } from '../support/testApp';

const LINES = Number(process.env.BENCH_FEED_LINES ?? 1_000_000);
/** People of the batch who hold a Yima code (history and cache refresh apply to them). */
const REGISTERED = Number(process.env.BENCH_FEED_REGISTERED ?? 100_000);
const BUFFER_POOL_MIB = 1024;
/** The BFF runs with V8's heap capped: a batch that held its body or its lines would fail. */
const HEAP_CAP_MIB = 256;
const { start: SECTION_START, end: SECTION_END } = markers('provincial-feed');

export interface Posted {
  status: number;
  body: { lines: number; accepted: number; duplicates: number; rejectedCount: number };
  ms: number;
}

/** A generated batch of `lines` lines at `version` (also the batch-kill fault's, test/faults/kills.ts). */
export async function writeBatch(path: string, version: number, lines = LINES): Promise<void> {
  const out = createWriteStream(path);
  for (const line of batchLines({ count: lines, version, effectiveAt: new Date(), red: 0.01, yellow: 0.04 })) {
    if (!out.write(line)) await once(out, 'drain');
  }
  out.end();
  await once(out, 'finish');
}

/** Posts a batch file as the sender CLI does: hashed before, signed at sending (not timed: the
 * province hashes its own file), then streamed. */
export async function postFile(url: string, path: string, key: Buffer, to = { feed: 'province', route: '/api/provincial/batches' }): Promise<Posted> {
  const signed = feedHeaders(key, { feed: to.feed, timestamp: Math.floor(Date.now() / 1000), ...(await fileDigest(path)) });
  const started = Date.now();
  return new Promise((resolve, reject) => {
    const req = request(`${url}${to.route}`, { method: 'POST', headers: { 'content-type': 'application/x-ndjson', ...signed } }, (res) => {
      let text = '';
      res.setEncoding('utf8');
      res.on('data', (c: string) => (text += c));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body: JSON.parse(text), ms: Date.now() - started }));
    });
    req.on('error', reject);
    createReadStream(path, { highWaterMark: 1 << 20 }).pipe(req);
  });
}

/** Peak resident memory of a process (Linux), in MiB. */
export function peakRssMiB(pid: number): number {
  const m = /VmHWM:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
  return m ? Number(m[1]) / 1024 : NaN;
}

/** Registered residents among the batch's people: persons + users rows written directly
 * (the registration route would take minutes for 100 000 people and is not what is measured).
 * Also the health-feed benchmark's (healthFeeds.ts). */
export async function seedRegistered(conn: mysql.Connection, env: Record<string, string>, count = REGISTERED): Promise<void> {
  const pii = createPii(Buffer.from(env.PII_KEY, 'base64'), Buffer.from(env.BLIND_INDEX_KEY, 'base64'));
  const now = new Date();
  for (let from = 0; from < count; from += 2000) {
    const persons: unknown[][] = [];
    const users: unknown[][] = [];
    for (let i = from; i < Math.min(count, from + 2000); i++) {
      // Every tenth person of the batch is registered here.
      const idNumber = generatedIdNumber(i * 10);
      const phone = `136${String(i).padStart(8, '0')}`;
      persons.push([i + 1, pii.blindIndex('id_number', idNumber), pii.encrypt('id_number', idNumber), pii.encrypt('name', '张三'), randomBytes(8), now, now]);
      users.push([i + 1, pii.blindIndex('phone', phone), pii.encrypt('phone', phone), i + 1, now, now, now]);
    }
    await conn.query('INSERT INTO persons (id, id_hash, id_number_enc, name_enc, holder_id, created_at, updated_at) VALUES ?', [persons]);
    await conn.query('INSERT INTO users (id, phone_hash, phone_enc, person_id, registered_at, created_at, updated_at) VALUES ?', [users]);
  }
}

/** The ceiling: the same number of rows, multi-row upserted by one connection into a bare table,
 * 2000 rows a statement in the batch's order; `sortedBy` N: N rows a statement, each statement's
 * rows in key order, as the feed now writes its chunks (the tighter ceiling). */
async function rawUpsert(conn: mysql.Connection, sortedBy?: number): Promise<number> {
  await conn.query('DROP TABLE IF EXISTS bench_raw_upsert');
  await conn.query('CREATE TABLE bench_raw_upsert LIKE provincial_states');
  const pii = createPii(randomBytes(32), randomBytes(32));
  const at = "'2026-11-22 08:00:00.000'";
  const per = sortedBy ?? 2000;
  // Statements built before the clock starts: only the database's work is timed.
  const statements: string[] = [];
  for (let from = 0; from < LINES; from += per) {
    const hexes: string[] = [];
    for (let i = from; i < Math.min(LINES, from + per); i++) hexes.push(pii.blindIndexHex('id_number', generatedIdNumber(i)));
    if (sortedBy) hexes.sort();
    const values = hexes.map((hex) => `(X'${hex}','green','PROV_NORMAL','省平台核验正常','广东省健康码平台',${at},${at},1)`);
    statements.push(`INSERT INTO bench_raw_upsert VALUES ${values.join(',')} ON DUPLICATE KEY UPDATE color = VALUES(color), version = VALUES(version)`);
  }
  const started = Date.now();
  for (const sql of statements) await conn.query(sql);
  const ms = Date.now() - started;
  await conn.query('DROP TABLE bench_raw_upsert');
  return ms;
}

/** Time from posting a one-line delta to the resident's open code page being told. */
async function deltaLatency(bff: BffProcess, key: Buffer): Promise<number[]> {
  const { registerResident } = await import('../support/flows');
  const { call } = await import('../support/http');
  const { newIdNumber } = await import('../support/ids');
  // Born before the generated batches' people (1940 on): their ID numbers can never be this
  // resident's, whose states would otherwise hold versions the deltas do not pass.
  const r = await registerResident(bff.url, { phone: '13500000001', idNumber: newIdNumber('19390101') });
  const out: number[] = [];
  for (let v = 1; v <= 15; v++) {
    const page = (await call(bff.url, 'GET', '/api/me/code', undefined, { token: r.token })).body;
    const waiting = call(bff.url, 'GET', `/api/me/code/changes?since=${page.version}`, undefined, { token: r.token });
    await new Promise((resolve) => setTimeout(resolve, 50));
    const line = `${JSON.stringify({ idNumber: r.idNumber, color: v % 2 ? 'red' : 'green', reasonCode: 'PROV_DELTA', reasonText: '省平台实时更新', setBy: '广东省健康码平台', effectiveAt: new Date().toISOString(), version: v })}\n`;
    const started = Date.now();
    const posted = await call(bff.url, 'POST', '/api/provincial/batches', undefined, {
      rawBody: line,
      headers: { 'content-type': 'application/x-ndjson', ...signBody(key, 'province', line, new Date()) },
    });
    if (posted.status !== 202 || posted.body.accepted !== 1) throw new Error(`delta not applied: ${posted.status} ${JSON.stringify(posted.body)}`);
    await waiting;
    const color = (await call(bff.url, 'GET', '/api/me/code', undefined, { token: r.token })).body.color;
    out.push(Date.now() - started);
    if (color !== (v % 2 ? 'red' : 'green')) throw new Error(`the delta (version ${v}) did not show: the page read ${color}`);
  }
  return out.sort((a, b) => a - b);
}

export async function runProvincialBench(): Promise<string> {
  await dropTestDatabase('bench');
  const tuning = Object.fromEntries(
    ['PROVINCIAL_WRITERS', 'PROVINCIAL_ROWS_PER_STATEMENT', 'PROVINCIAL_READERS'].filter((k) => process.env[k]).map((k) => [k, process.env[k] as string]),
  );
  const env: Record<string, string> = {
    ...testEnv('bench'),
    LOG_LEVEL: 'info',
    REQUEST_LOG_SAMPLE: '0.01',
    TRUST_PROXY_HOPS: '0',
    SMS_IP_LIMIT: '1000000',
    ...tuning,
  };
  const key = Buffer.from(env.PROVINCIAL_FEEDS.split(':')[1], 'base64');
  // The default 128 MiB pool is smaller than a million people's states (docs/decisions/0005).
  const poolNow = await ensureBufferPool(BUFFER_POOL_MIB);
  const conn = await mysql.createConnection({ host: '127.0.0.1', user: 'root' });
  const bff = await startBffProcess(env, { discardOutput: true, nodeArgs: profilingArgs() });
  await conn.query(`USE \`${TEST_DB.bench.mysql}\``);
  try {
    console.log(`seeding ${REGISTERED} registered residents…`);
    await seedRegistered(conn, env);
    const dir = tmpdir();
    const first = join(dir, 'yima-bench-v1.ndjson');
    const second = join(dir, 'yima-bench-v2.ndjson');
    console.log(`writing two batches of ${LINES} lines…`);
    await writeBatch(first, 1);
    await writeBatch(second, 2);

    console.log('posting batch 1 (new people)…');
    const load = await postFile(bff.url, first, key);
    console.log(`  ${load.ms} ms`, load.body);
    console.log('posting batch 2 (every line a newer version, ~10 % of colours move)…');
    const update = await postFile(bff.url, second, key);
    console.log(`  ${update.ms} ms`, update.body);
    console.log('replaying batch 2…');
    const replay = await postFile(bff.url, second, key);
    console.log(`  ${replay.ms} ms`, replay.body);
    const rss = peakRssMiB(bff.pid);
    // The same work with V8's heap capped, in a second BFF: a batch held in memory would fail.
    console.log(`posting batch 3 to a BFF whose heap is capped at ${HEAP_CAP_MIB} MiB…`);
    const third = join(dir, 'yima-bench-v3.ndjson');
    await writeBatch(third, 3);
    const capped = await startBffProcess({ ...env, NODE_OPTIONS: `--max-old-space-size=${HEAP_CAP_MIB}` }, { discardOutput: true });
    let cappedRun: Posted;
    let cappedRss: number;
    try {
      cappedRun = await postFile(capped.url, third, key);
      cappedRss = peakRssMiB(capped.pid);
    } finally {
      await capped.stop();
    }
    console.log(`  ${cappedRun.ms} ms`, cappedRun.body);
    const [[hist]] = await conn.query<mysql.RowDataPacket[]>('SELECT COUNT(*) AS n FROM colour_history');
    console.log('measuring delta latency…');
    const deltas = await deltaLatency(bff, key);
    console.log('raw upsert ceilings…');
    const raw = await rawUpsert(conn);
    console.log(`  raw multi-row upsert of ${LINES}: ${raw} ms`);
    const chunkRows = Number(env.PROVINCIAL_ROWS_PER_STATEMENT ?? 5000);
    const rawSorted = await rawUpsert(conn, chunkRows);
    console.log(`  the same, ${chunkRows} rows a statement in key order: ${rawSorted} ms`);

    const perSecond = (p: Posted) => Math.round((LINES / p.ms) * 1000).toLocaleString('en-US');
    return `${SECTION_START}
## Provincial feed: ${LINES.toLocaleString('en-US')}-line batches

Written by test/bench/provincial.ts on ${new Date().toISOString().slice(0, 10)} (${cpus().length} × ${cpus()[0]?.model ?? 'CPU'}, ${(totalmem() / 2 ** 30).toFixed(0)} GiB;
MariaDB ${poolNow.version} with a ${poolNow.mib} MiB buffer pool, Redis and the BFF on the same machine). One BFF process,
${REGISTERED.toLocaleString('en-US')} of the batch's people registered here (every tenth); colours drawn 95 % green, 4 % yellow, 1 % red, afresh for
each version (so batch 2 moves about one person in ten to another colour). Each batch is signed (HMAC-SHA256 over its headers, checked before the body is read), streamed over HTTP,
spooled with its SHA-256 checked before anything applies, then read and checked in ${env.PROVINCIAL_READERS ?? 2} worker threads and applied in ${chunkRows}-line chunks, each in key order, by
${env.PROVINCIAL_WRITERS ?? 2} writers (one transaction each: the state upsert, and for registered people their sources, merge and history).

| run | time | lines/s | answer |
|---|---|---|---|
| batch 1: everyone new (states inserted; history for the registered) | **${(load.ms / 1000).toFixed(1)} s** | ${perSecond(load)} | accepted ${load.body.accepted}, duplicates ${load.body.duplicates}, rejected ${load.body.rejectedCount} |
| batch 2: every line a newer version | **${(update.ms / 1000).toFixed(1)} s** | ${perSecond(update)} | accepted ${update.body.accepted}, duplicates ${update.body.duplicates} |
| batch 2 replayed (idempotent: nothing changes) | ${(replay.ms / 1000).toFixed(1)} s | ${perSecond(replay)} | accepted ${replay.body.accepted}, duplicates ${replay.body.duplicates} |
| batch 3 (newer versions) to a BFF with V8's heap capped at ${HEAP_CAP_MIB} MiB | ${(cappedRun.ms / 1000).toFixed(1)} s | ${perSecond(cappedRun)} | accepted ${cappedRun.body.accepted}, duplicates ${cappedRun.body.duplicates}; peak resident memory ${cappedRss.toFixed(0)} MiB |
| ceiling: raw multi-row upsert of ${LINES.toLocaleString('en-US')} rows, one connection, no checks, 2000 a statement in the batch's order | ${(raw / 1000).toFixed(1)} s | ${Math.round((LINES / raw) * 1000).toLocaleString('en-US')} | — |
| tighter ceiling: the same, ${chunkRows} a statement in key order (as the feed writes) | ${(rawSorted / 1000).toFixed(1)} s | ${Math.round((LINES / rawSorted) * 1000).toLocaleString('en-US')} | — |

Target: ≤ 20 s for a million lines, or at most 1.3× the raw upsert measured alongside: batch 1 **${(load.ms / raw).toFixed(2)}×**, batch 2 **${(update.ms / raw).toFixed(2)}×**
the raw upsert (${(load.ms / rawSorted).toFixed(2)}× and ${(update.ms / rawSorted).toFixed(2)}× the tighter one). Colour history rows written across the three batches: ${Number(hist.n).toLocaleString('en-US')}.
Memory: the body is spooled to disk and read a chunk at a time, with at most a few chunks in flight. The uncapped BFF's
peak resident memory over batches 1–2 and the replay was ${rss.toFixed(0)} MiB (V8 grows its heap lazily when it may);
batch 3 shows the same million lines go through with the heap capped at ${HEAP_CAP_MIB} MiB (garbage collection then costs some speed).

A one-line delta for a resident whose code page is open (long poll on \`/api/me/code/changes\`), from posting it
to the page's next read showing the new colour, 15 runs: median **${deltas[7]} ms**, max ${deltas.at(-1)} ms (target ≤ 1 s).
${SECTION_END}`;
  } finally {
    await bff.stop();
    await conn.end();
  }
}

export const writeProvincialSection = (section: string) => writeSection('provincial-feed', section);
export const existingProvincialSection = () => existingSection('provincial-feed');

if (import.meta.url === `file://${process.argv[1]}`) {
  runProvincialBench().then(
    (section) => {
      writeProvincialSection(section);
      console.log('wrote the provincial section of docs/benchmarks.md');
      process.exit(0);
    },
    (err) => {
      console.error(err);
      process.exit(1);
    },
  );
}
