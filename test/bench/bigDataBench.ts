/**
 * Issue 14: the code page and scans at 10 k residents and at N (10 M by default), goal: p50
 * and p99 at N within 1.5× of those at 10 k. `npm run bench:bigdata:measure` (or `npm run
 * bench` with BENCH_BIGDATA=1) makes the two data sets if missing (test/bench/bigData.ts; the
 * big one takes long the first time), starts one BFF on each and measures both with wrk in
 * interleaved rounds; writes the `bigdata` section of docs/benchmarks.md, keeping the last
 * three runs. BENCH_BIGDATA_RESIDENTS sets N; BENCH_BIGDATA_LABEL another database for it.
 *
 * What it measures. The sample is up to SAMPLE residents spread evenly over the whole id range
 * (resident 1, 1 + N/SAMPLE, …) and shuffled, so any stretch of it reads rows all over the
 * tables, not the first pages; it is cut into four slices, one for the warm-up and one per
 * round, so no round asks for a resident an earlier one brought into a cache (Redis, the
 * process, MariaDB's buffer pool). Sessions are minted in Redis exactly as the login's session store writes them
 * (features/auth/sessions.ts `open`): an SMS login per resident would only measure the login.
 * Before each code round the sample's cached code states are deleted from Redis, so a
 * resident's first request in the round rebuilds their state from MySQL (users ⋈ persons ⋈
 * verified_accounts, the latest check-in, hold, provincial state, marks, history head,
 * conversion, health records) — the path whose cost could grow with the tables. What share of
 * the round's requests did so is reported (rebuilt states / requests). Scans: a guard of place
 * 1 scans the screen codes of SCAN_SAMPLE other residents, fetched just before the round (so their
 * states are in Redis, as they are when a resident has just opened the code page).
 */
import { execFile } from 'node:child_process';
import { createHash, randomBytes } from 'node:crypto';
import { cpus, totalmem } from 'node:os';
import { promisify } from 'node:util';
import { Redis } from 'ioredis';
import { startBffProcess, type BffProcess } from '../support/bffProcess';
import { BIG_REDIS, bigDatabase, bigDataBufferPoolMib, bigDataEnv, ensureDataSet, sizeLabel, type DataSetInfo } from './bigData';
import { ensureBufferPool, flushDirtyPages } from './bufferPool';
import { existingSection, markers, writeSection } from './docSection';
import { redisKeys } from '@yima/bff/src/redisKeys';
import { wrk, type WrkResult } from './wrk';
import { commitMeasured } from './measured';

const SECONDS = Number(process.env.BENCH_SECONDS ?? 6);
const CONNECTIONS = 64;
const ROUNDS = 3;
const SMALL = 10_000;
const BIG = Number(process.env.BENCH_BIGDATA_RESIDENTS ?? 10_000_000);
/** Residents sampled, as many at both sizes (the small set has no more): a quarter per round. */
const SAMPLE = 10_000;
const SLICES = ROUNDS + 1;
const SCAN_SAMPLE = 2_000;
const SESSION_SECONDS = 6 * 3600;
const GOAL = 1.5;
const { start: SECTION_START, end: SECTION_END } = markers('bigdata');
const RUN_MARK = '<!-- bigdata-run -->';
/** MariaDB's buffer pool, read at the start of a run: at 10 M the tables are far larger. */
let BUFFER_POOL_MB = 0;

interface Target {
  name: string;
  info: DataSetInfo;
  bff: BffProcess;
  redis: Redis;
  tokens: string[];
  userIds: string[];
  /** tokens/userIds cut into SLICES disjoint slices: [0] warms up, [r + 1] is round r's. */
  slices: { tokens: string[]; userIds: string[] }[];
  /** Other residents (between the code sample's), whose screen codes the guard scans. */
  scanTokens: string[];
  staffToken: string;
  lastCodeRound: number;
  code: WrkResult[];
  rebuilt: number[];
  warm: WrkResult[];
  scans: WrkResult[];
}

/** A session as sessions.ts `open` makes it: Redis keeps the token's SHA-256 only. */
async function mintSession(redis: Redis, userId: string): Promise<string> {
  const token = `${userId}.${randomBytes(32).toString('base64url')}`;
  const expiresAt = new Date(Date.now() + SESSION_SECONDS * 1000).toISOString();
  const key = `yima:session:${createHash('sha256').update(token).digest('hex')}`;
  await redis.set(key, JSON.stringify({ userId, method: 'sms', expiresAt }), 'EX', SESSION_SECONDS);
  return token;
}

async function prepare(name: string, database: string, residents: number, redisDb: number): Promise<Target> {
  // BENCH_BIGDATA_AS_IS=1: measure the big set as far as it was generated (a stopped run).
  const info = await ensureDataSet(database, residents, { generate: !(process.env.BENCH_BIGDATA_AS_IS === '1' && residents > SMALL) });
  const env: Record<string, string> = {
    ...bigDataEnv(database, redisDb),
    LOG_LEVEL: 'info',
    REQUEST_LOG_SAMPLE: '0.01',
    TRUST_PROXY_HOPS: '0',
    VISIT_MERGE_MINUTES: '0',
  };
  const redis = new Redis(env.REDIS_URL);
  await redis.flushdb();
  const bff = await startBffProcess(env, { discardOutput: true });
  const n = info.residents;
  const size = Math.min(SAMPLE, n);
  const spread = Array.from({ length: size }, (_, k) => String(1 + Math.floor((k * n) / size)));
  // A fixed shuffle (Fisher–Yates on a seeded generator): the same sample on every run.
  let seed = 12345;
  const random = () => (seed = (Math.imul(seed, 1103515245) + 12345) >>> 0) / 2 ** 32;
  for (let i = spread.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    [spread[i], spread[j]] = [spread[j], spread[i]];
  }
  const userIds = spread;
  const tokens: string[] = [];
  for (let i = 0; i < userIds.length; i += 500) tokens.push(...(await Promise.all(userIds.slice(i, i + 500).map((u) => mintSession(redis, u)))));
  const scanIds = Array.from({ length: SCAN_SAMPLE }, (_, k) => String(1 + Math.floor(((k + 0.5) * n) / SCAN_SAMPLE)));
  const scanTokens = await Promise.all(scanIds.map((u) => mintSession(redis, u)));
  const staffToken = await mintSession(redis, String(info.staffUserId));
  const per = Math.floor(size / SLICES);
  const slices = Array.from({ length: SLICES }, (_, i) => ({ tokens: tokens.slice(i * per, (i + 1) * per), userIds: userIds.slice(i * per, (i + 1) * per) }));
  return { name, info, bff, redis, tokens, userIds, slices, scanTokens, staffToken, lastCodeRound: 0, code: [], rebuilt: [], warm: [], scans: [] };
}

async function mapLimit<T, R>(items: T[], limit: number, fn: (item: T) => Promise<R>): Promise<R[]> {
  const out: R[] = new Array(items.length);
  let next = 0;
  await Promise.all(
    Array.from({ length: limit }, async () => {
      while (next < items.length) {
        const i = next++;
        out[i] = await fn(items[i]);
      }
    }),
  );
  return out;
}

/** A wrk script that asks for each token's code once, then stops its thread. */
const onceEach = (tokens: string[]) => `local tokens = {${tokens.map((t) => JSON.stringify(t)).join(',')}}
local i = 0
request = function()
  i = i + 1
  if i >= #tokens then wrk.thread:stop() end
  return wrk.format("GET", nil, { ["Authorization"] = "Bearer " .. tokens[math.min(i, #tokens)] })
end
`;

const codeStateKeys = (t: Target) => t.userIds.map((u) => redisKeys.codeState(u));

async function dropCodeStates(t: Target): Promise<void> {
  const keys = codeStateKeys(t);
  for (let i = 0; i < keys.length; i += 1000) await t.redis.del(...keys.slice(i, i + 1000));
}

async function countCodeStates(t: Target): Promise<number> {
  const keys = codeStateKeys(t);
  let n = 0;
  for (let i = 0; i < keys.length; i += 1000) n += (await t.redis.exists(...keys.slice(i, i + 1000))) as number;
  return n;
}

/** The BFF's in-process cache keeps a state CODE_CACHE_SECONDS (30 by default) after it was
 * read: a target's next code round starts after that, so it is not served from the last one's. */
const PROCESS_CACHE_MS = 31_000;

async function measureCode(t: Target): Promise<void> {
  const wait = t.lastCodeRound + PROCESS_CACHE_MS - Date.now();
  if (wait > 0) await new Promise((r) => setTimeout(r, wait));
  await dropCodeStates(t);
  const slice = t.slices[t.code.length + 1];
  // Each resident of the slice once, then wrk stops: every answer timed is a rebuild from MySQL
  // at both sizes (left to run for its seconds, the small set's round went round its slice and
  // answered most requests from Redis — not the same thing measured). wrk still waits out -d,
  // so its req/s means nothing here: the cold rows show latency only.
  const r = await wrk(`${t.bff.url}/api/me/code`, { seconds: SECONDS + 2, connections: CONNECTIONS, script: onceEach(slice.tokens) });
  t.code.push(r);
  const rebuilt = await countCodeStates(t);
  t.rebuilt.push(rebuilt);
  // The residents the cold round reached (wrk starts at the slice's first token), again at once:
  // their states now in Redis and this process's cache, as for every view within the hour
  // after a resident's first.
  t.warm.push(await wrk(`${t.bff.url}/api/me/code`, { seconds: SECONDS, connections: CONNECTIONS, tokens: slice.tokens.slice(0, Math.max(1, rebuilt)) }));
  t.lastCodeRound = Date.now();
}

async function scanPosts(t: Target): Promise<{ token: string; body: string }[]> {
  const qrs = await mapLimit(t.scanTokens, 32, async (token) => {
    const res = await fetch(`${t.bff.url}/api/me/code`, { headers: { authorization: `Bearer ${token}` } });
    if (!res.ok) throw new Error(`code page answered ${res.status} on ${t.name}`);
    return ((await res.json()) as { qr: string }).qr;
  });
  return qrs.map((qr) => ({ token: t.staffToken, body: JSON.stringify({ venueId: '1', qr }) }));
}

async function measureScans(t: Target): Promise<void> {
  const posts = await scanPosts(t); // fresh screen codes each round (they live 5 minutes)
  t.scans.push(await wrk(`${t.bff.url}/api/scans`, { seconds: SECONDS, connections: CONNECTIONS, posts }));
}

const medianBy = (list: WrkResult[], key: 'p50Ms' | 'p99Ms' | 'requestsPerSecond') =>
  [...list].sort((a, b) => a[key] - b[key])[Math.floor(list.length / 2)][key];
const gib = (bytes: number) => `${(bytes / 2 ** 30).toFixed(2)} GiB`;
const ms = (v: number) => `${v.toFixed(2)} ms`;
const num = (v: number) => Math.round(v).toLocaleString('en-US');

/** The benchmark's own Redis (BIG_REDIS, default 127.0.0.1:6382): started here when nothing
 * answers there, keeping nothing on disk (sessions are minted afresh each run). */
async function ensureBigRedis(): Promise<void> {
  const url = new URL(BIG_REDIS);
  const probe = new Redis(BIG_REDIS, { lazyConnect: true, maxRetriesPerRequest: 0, retryStrategy: () => null });
  probe.on('error', () => undefined);
  const up = await probe.connect().then(
    () => true,
    () => false,
  );
  probe.disconnect();
  if (up) return;
  if (!['127.0.0.1', 'localhost'].includes(url.hostname)) throw new Error(`no Redis answers at ${BIG_REDIS}`);
  console.log(`starting a Redis of the benchmark's own on port ${url.port || 6379}…`);
  await promisify(execFile)('redis-server', ['--port', url.port || '6379', '--bind', '127.0.0.1', '--daemonize', 'yes', '--save', '', '--appendonly', 'no']);
  await new Promise((resolve) => setTimeout(resolve, 300));
}

export async function runBigDataBench(): Promise<string> {
  BUFFER_POOL_MB = (await ensureBufferPool(bigDataBufferPoolMib())).mib;
  await ensureBigRedis();
  const bigLabel = process.env.BENCH_BIGDATA_LABEL ?? sizeLabel(BIG);
  console.log(`data sets: ${SMALL.toLocaleString('en-US')} and ${BIG.toLocaleString('en-US')} residents (the big one is generated if missing: long)…`);
  const small = await prepare('10k', bigDatabase('10k'), SMALL, 0);
  let big: Target | undefined;
  try {
    big = await prepare(bigLabel, bigDatabase(bigLabel), BIG, 1);
    // Named by what it holds: a set measured as far as its generation went is not its target.
    big.name = sizeLabel(big.info.residents);
    const flushMs = await flushDirtyPages();
    if (flushMs) console.log(`wrote out the pages the load left dirty (${(flushMs / 1000).toFixed(0)} s)`);
    const both = [small, big];
    console.log('warming up…');
    for (const t of both) {
      await wrk(`${t.bff.url}/api/me/code`, { seconds: 3, connections: CONNECTIONS, tokens: t.slices[0].tokens });
      t.lastCodeRound = Date.now();
      await wrk(`${t.bff.url}/api/scans`, { seconds: 3, connections: CONNECTIONS, posts: await scanPosts(t) });
    }
    // Interleaved, alternating which set goes first, so drift of this shared machine falls on both.
    for (let round = 0; round < ROUNDS; round++) {
      const order = round % 2 === 0 ? [small, big] : [big, small];
      for (const t of order) {
        await measureCode(t);
        for (const [kind, r] of [
          ['code (cold)', t.code.at(-1)!],
          ['code (warm)', t.warm.at(-1)!],
        ] as const)
          console.log(`round ${round + 1} ${t.name} ${kind}: ${num(r.requestsPerSecond)} req/s p50 ${ms(r.p50Ms)} p99 ${ms(r.p99Ms)}`);
      }
      for (const t of order) {
        await measureScans(t);
        console.log(
          `round ${round + 1} ${t.name} scans: ${num(t.scans.at(-1)!.requestsPerSecond)} req/s p50 ${ms(t.scans.at(-1)!.p50Ms)} p99 ${ms(t.scans.at(-1)!.p99Ms)}`,
        );
      }
    }
    return report(small, big);
  } finally {
    for (const t of [small, big]) {
      if (!t) continue;
      await t.bff.stop();
      t.redis.disconnect();
    }
  }
}

function report(small: Target, big: Target): string {
  const row = (label: string, list: WrkResult[], rate = true) =>
    `| ${label} | ${rate ? num(medianBy(list, 'requestsPerSecond')) : '—'} | ${ms(medianBy(list, 'p50Ms'))} | ${ms(medianBy(list, 'p99Ms'))} |${list.some((r) => r.non2xx) ? ` ${list.reduce((s, r) => s + r.non2xx, 0)} non-2xx` : ''}`;
  type Kind = 'code' | 'warm' | 'scans';
  const ratio = (key: 'p50Ms' | 'p99Ms', which: Kind) => medianBy(big[which], key) / medianBy(small[which], key);
  const ratios = {
    codeP50: ratio('p50Ms', 'code'),
    codeP99: ratio('p99Ms', 'code'),
    warmP50: ratio('p50Ms', 'warm'),
    warmP99: ratio('p99Ms', 'warm'),
    scanP50: ratio('p50Ms', 'scans'),
    scanP99: ratio('p99Ms', 'scans'),
  };
  const holds = Object.values(ratios).every((r) => r <= GOAL);
  const perRound = (which: Kind) =>
    small[which].map((s, i) => `${(big[which][i].p50Ms / s.p50Ms).toFixed(2)}× / ${(big[which][i].p99Ms / s.p99Ms).toFixed(2)}×`).join('; ');
  const fromMysql = (t: Target) => t.code.map((r, i) => `${((Math.min(t.rebuilt[i], r.requests) / r.requests) * 100).toFixed(0)} %`).join(' / ');
  const sizes = (t: Target) =>
    `${t.info.database}: ${t.info.residents.toLocaleString('en-US')} residents, ${gib(t.info.bytes)} on disk (data + indexes), generated in ${t.info.generationSeconds.toFixed(0)} s on ${t.info.generatedAt.slice(0, 10)}`;
  const tableRows = Object.entries(big.info.rows)
    .filter(([, n]) => n > 1000)
    .sort((a, b) => b[1] - a[1])
    .map(([t, n]) => `${t} ${num(n)}`)
    .join(', ');
  return `${RUN_MARK}
### Run of ${new Date().toISOString().slice(0, 16).replace('T', ' ')} UTC — commit ${commitMeasured()}

${cpus().length} × ${cpus()[0]?.model ?? 'CPU'}, ${(totalmem() / 2 ** 30).toFixed(0)} GiB; MariaDB (innodb_buffer_pool_size ${BUFFER_POOL_MB} MiB), Redis, both BFFs and wrk on this one machine.
${sizes(small)}; ${sizes(big)} (approximate rows: ${tableRows}).

| target | req/s | p50 | p99 |
|---|---|---|---|
${row(`\`GET /api/me/code\`, cold (state rebuilt from MySQL), ${small.name}`, small.code, false)}
${row(`\`GET /api/me/code\`, cold (state rebuilt from MySQL), ${big.name}`, big.code, false)}
${row(`\`GET /api/me/code\`, warm (state in Redis), ${small.name}`, small.warm)}
${row(`\`GET /api/me/code\`, warm (state in Redis), ${big.name}`, big.warm)}
${row(`\`POST /api/scans\`, ${small.name}`, small.scans)}
${row(`\`POST /api/scans\`, ${big.name}`, big.scans)}

Ratios ${big.name} / ${small.name} (median rounds): code cold p50 **${ratios.codeP50.toFixed(2)}×**, p99 **${ratios.codeP99.toFixed(2)}×**; warm p50 **${ratios.warmP50.toFixed(2)}×**, p99 **${ratios.warmP99.toFixed(2)}×**; scans p50 **${ratios.scanP50.toFixed(2)}×**, p99 **${ratios.scanP99.toFixed(2)}×** — goal ≤ ${GOAL}×: **${holds ? 'holds' : 'does not hold'}**.
Per round (p50 / p99): code cold ${perRound('code')}; warm ${perRound('warm')}; scans ${perRound('scans')}.
Code requests that rebuilt the state from MySQL, per round: ${small.name} ${fromMysql(small)}; ${big.name} ${fromMysql(big)} (the rest from Redis or the process cache).`;
}

/** The section: how it is measured, then this run and the two before it. */
export function writeBigDataSection(run: string): void {
  const previous = existingSection('bigdata')
    .split(RUN_MARK)
    .slice(1)
    .map((r) => r.replace(SECTION_END, '').trim())
    .slice(0, 2);
  const section = `${SECTION_START}
## The code page and scans at 10 k residents and at millions (issue 14)

Written by test/bench/bigDataBench.ts (\`npm run bench:bigdata:measure\`; in \`npm run bench\` with BENCH_BIGDATA=1). Data sets made by
\`npm run bench:bigdata -- --residents N\` (test/bench/bigData.ts): every resident a verified account with sealed name, ID number and
phone and their blind indexes; a check-in today (85 %) or yesterday, most also the day before; 2 % a self-declared yellow (a
symptom, held as the check-in fold holds it), 1 % an active red mark (home isolation), the rest green — about the share of non-green
codes of a city without an outbreak, and each colour read through its own source, so every source table is on the read path; 30 %
a green provincial state; 10 % file 1–2 relatives; 2 visits each over 7 days at N/200 places. wrk, 1 thread, ${CONNECTIONS} connections,
${SECONDS} s per round, ${ROUNDS} rounds alternating which set goes first, median round shown. Up to ${SAMPLE.toLocaleString('en-US')} residents spread over the whole id
range and shuffled, sessions minted in Redis as the login writes them, a disjoint quarter per round (and one for the warm-up), so a
cold round's residents are in no cache yet: their cached code states are also deleted first, and the cold round asks for each
resident's code once and stops, so every answer it times rebuilt the state from MySQL (share shown; wrk waits out its duration
anyway, so the cold rows give latency, not a rate); the warm round right after asks the same residents again for ${SECONDS} s. Scans: a guard scans ${SCAN_SAMPLE.toLocaleString('en-US')} other residents' screen codes, fetched just before.

The rebuild's queries at millions of residents, by EXPLAIN: every one a point read — users, persons and verified_accounts by
primary key (const), the latest check-in and the hold by primary key (person_id, day), marks by ix_marks_person, the provincial
state, test results and doses by their id_hash keys, the history's head by ix_colour_history_person, the latest conversion by
ix_conversion_person; one row each. No index is missing (no migration added). What grows with the city is not the number of rows
read but whether their pages are in memory: with MariaDB's default 128 MiB buffer pool a data set of millions of residents is
mostly on disk, so a cold rebuild reads its pages from disk; warm views and scans read Redis only. Checked once (2026-11-27, the
same point reads for 300 random residents, serially, counting Innodb_buffer_pool_reads): about 5 pages from disk per resident at
2 M residents (3.4 GiB) against under 1 at 10 k, 2.2 ms against 0.8 ms a resident. The lever is the buffer pool's size (or the
hour-long Redis state, CODE_STATE_TTL_SECONDS), not a query or an index: with an 8 GiB pool (\`BENCH_BUFFER_POOL_MB\`, default 8192;
the scripts raise the running server's pool) the goal holds in three consecutive runs at **10,000,000 residents (17.11 GiB)**,
the runs below (the 2 M runs with the 128 MiB pool, cold p50 1.56–1.84×, are summarised in docs/deployment-database.md).
The 10 M set was generated from an empty database in 2,388 s (4,187 residents/s; the next chunk's rows built in a worker thread
while MariaDB loads the current one, a 2 GiB redo log), and the measurement first writes out the pages the load left dirty
(3.6 GiB right after it: the page cleaner would otherwise write them during the rounds).

${[run, ...previous.map((r) => `${RUN_MARK}\n${r}`)].join(`\n\n`)}
${SECTION_END}`;
  writeSection('bigdata', section);
}

async function main() {
  const run = await runBigDataBench();
  writeBigDataSection(run);
  console.log(run);
  console.log('wrote the bigdata section of docs/benchmarks.md');
}

if (process.argv[1] && /bigDataBench\.ts$/.test(process.argv[1])) {
  main().catch((err) => {
    console.error(err);
    process.exit(1);
  });
}
