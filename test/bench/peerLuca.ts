/**
 * `npm run bench:peer`: a real peer side by side (issue 14). luca's check-in
 * (`POST /api/v3/traces/checkin` of LexaTRex/luca_webserver 49b7087: Express, Sequelize,
 * PostgreSQL), our visit (`POST /api/venues/:id/visits`), and the two frameworks' bare ceilings
 * (bare Express, bare Koa: a POST with a JSON body) in the same run, in interleaved rounds, at
 * the same concurrency and duration; after each round the durable rows are counted on both
 * sides against the 2xx answers. Appends a run to its section of docs/benchmarks.md (the last
 * three runs are kept).
 *
 * luca must have been set up once with `npm run peer:luca -- setup` (test/bench/luca/peer.sh;
 * docs/peer-luca.md); this script starts it if it is stopped. Our side uses the bench
 * database and Redis db 13 of YIMA_TEST_REDIS, as the other benchmarks do.
 */
import { execFile, execFileSync } from 'node:child_process';
import { generateKeyPairSync, randomBytes } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { promisify } from 'node:util';
import mysql from 'mysql2/promise';
import { Redis } from 'ioredis';
import { runAdmin } from '@yima/bff/src/cli/admin';
import { REPO_ROOT, startBffProcess } from '../support/bffProcess';
import { loginBySms } from '../support/flows';
import { call } from '../support/http';
import { dropTestDatabase } from '../support/globalSetup';
import { TEST_DB, TEST_REDIS } from '../support/testApp';
import { cpuMicros } from './cpu';
import { writeRunsSection } from './docSection';
import { checkedInResidents } from './residents';
import { benchEnv } from './benchEnv';
import { settledCount } from './settledCount';
import { wrk, type WrkResult } from './wrk';
import { commitMeasured, machine } from './measured';
import { startBareJson } from './bareKoaProcess';

const SECONDS = Number(process.env.BENCH_SECONDS ?? 6);
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 3);
const CONNECTIONS = Number(process.env.BENCH_CONNECTIONS ?? 64);
const RESIDENTS = 100;
const LUCA_WORK = process.env.LUCA_WORK ?? join(process.env.TMPDIR ?? '/tmp', 'yima-luca');
const PEER_SH = join(REPO_ROOT, 'test/bench/luca/peer.sh');
const SECTION = 'peer-luca';
const KEEP_RUNS = 3;
const execFileP = promisify(execFile);
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

type Name = 'luca check-in' | 'our visit' | 'bare Express' | 'bare Koa';
interface Round {
  wrk: WrkResult;
  /** 2xx answers wrk received. */
  ok: number;
  /** Rows in the table when wrk ended (luca: committed before each 201). */
  rowsAtEnd: number;
  /** Rows once our writer drained the stream (luca: the same count a second later). */
  rowsDurable: number;
  cpuUs: number;
}
interface Target {
  name: Name;
  url: string;
  pid: number;
  script?: () => string;
  posts?: { token: string; body: string }[];
  count?: () => Promise<number>;
  /** How long the row count must stay still to be taken as settled: luca commits before it
   * answers, our writer copies the stream to MariaDB in batches about once a second. */
  quietMs?: number;
  rounds: Round[];
}

// ---------------------------------------------------------------------------------------------
// luca

function lucaEnv(): Record<string, string> {
  const file = join(LUCA_WORK, 'env');
  if (!existsSync(file)) throw new Error(`no ${file}: set luca up first with \`npm run peer:luca -- setup\` (docs/peer-luca.md)`);
  return Object.fromEntries(
    readFileSync(file, 'utf8')
      .split('\n')
      .filter((l) => l.includes('='))
      .map((l) => [l.slice(0, l.indexOf('=')), l.slice(l.indexOf('=') + 1)]),
  );
}

async function psql(env: Record<string, string>, sql: string): Promise<string> {
  const { stdout } = await execFileP('psql', ['-h', env.DB_HOSTNAME, '-p', '5432', '-U', env.DB_USERNAME, '-d', env.DB_DATABASE, '-qAtc', sql], {
    env: { ...process.env, PGPASSWORD: env.DB_PASSWORD },
  });
  return stdout.trim();
}

/** The seeded operator logs in, gets a public key, makes a location group; its base location's
 * scanner id is what a check-in names (docs/peer-luca.md, "A valid check-in"). */
async function lucaScannerId(url: string): Promise<string> {
  // The session cookie is Secure and the app trusts two proxies: present the request as HTTPS,
  // from its own origin (restrictOrigin compares Origin with https://<Host>).
  const headers: Record<string, string> = { 'Content-Type': 'application/json', 'X-Forwarded-Proto': 'https', Origin: `https://${new URL(url).host}` };
  // Right after a start its session store may not be ready yet: a few attempts.
  let h: Record<string, string> = headers;
  let me: { publicKey?: string } | undefined;
  for (let attempt = 1; !me; attempt++) {
    const login = await fetch(`${url}/api/v3/auth/login`, {
      method: 'POST',
      headers,
      body: JSON.stringify({ username: 'luca@nexenio.com', password: 'testing' }),
    });
    // express-session sends the headers before its store has saved the session, and ends the
    // body after: read the body before using the cookie.
    await login.text();
    const cookie = login.headers
      .getSetCookie()
      .map((c) => c.split(';')[0])
      .join('; ');
    h = { ...headers, Cookie: cookie };
    const r = await fetch(`${url}/api/v3/auth/me`, { headers: h });
    if (login.status < 300 && r.ok) me = await r.json();
    else if (attempt === 5) throw new Error(`luca login: ${login.status}, then /auth/me ${r.status} ${await r.text()}`);
    else await sleep(1000);
  }
  if (!me.publicKey) {
    const r = await fetch(`${url}/api/v3/operators/publicKey`, { method: 'POST', headers: h, body: JSON.stringify({ publicKey: p256Point() }) });
    if (r.status >= 300) throw new Error(`luca publicKey: ${r.status} ${await r.text()}`);
  }
  let locations = await (await fetch(`${url}/api/v3/operators/locations`, { headers: h })).json();
  if (!Array.isArray(locations) || locations.length === 0) {
    const group = {
      type: 'restaurant',
      name: 'Yima Peer Bench',
      phone: '+4930123456',
      streetName: 'Teststraße',
      streetNr: '1',
      zipCode: '10117',
      city: 'Berlin',
    };
    const r = await fetch(`${url}/api/v3/locationGroups`, { method: 'POST', headers: h, body: JSON.stringify(group) });
    if (r.status >= 300) throw new Error(`luca locationGroups: ${r.status} ${await r.text()}`);
    locations = await (await fetch(`${url}/api/v3/operators/locations`, { headers: h })).json();
  }
  const scannerId = locations[0]?.scannerId;
  if (!scannerId) throw new Error(`luca: no scannerId in ${JSON.stringify(locations).slice(0, 300)}`);
  return scannerId;
}

/** An uncompressed P-256 point, base64 (88 characters). */
function p256Point(): string {
  const jwk = generateKeyPairSync('ec', { namedCurve: 'P-256' }).publicKey.export({ format: 'jwk' });
  return Buffer.concat([Buffer.from([4]), Buffer.from(jwk.x as string, 'base64url'), Buffer.from(jwk.y as string, 'base64url')]).toString('base64');
}

/** wrk's Lua: every request a new 16-byte trace id (base64: a per-round prefix and a counter)
 * and the current time; the rest of the body is field-shaped like a phone's check-in. */
function lucaScript(scannerId: string): string {
  const prefix = randomBytes(6).toString('base64'); // 8 characters, different every round
  const fields = {
    scannerId,
    data: randomBytes(60).toString('base64'), // 80 characters of "ciphertext" (≤ 128)
    iv: randomBytes(16).toString('base64'),
    mac: randomBytes(32).toString('base64'),
    publicKey: p256Point(),
    deviceType: 0,
  };
  const tail = JSON.stringify(fields).slice(1); // `"scannerId":…}`
  return `local alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/"
local prefix = ${JSON.stringify(prefix)}
local n = 0
local headers = { ["Content-Type"] = "application/json" }
local function counter(x)
  local s = ""
  for _ = 1, 14 do
    local d = x % 64
    s = string.sub(alphabet, d + 1, d + 1) .. s
    x = math.floor(x / 64)
  end
  return s
end
request = function()
  n = n + 1
  local body = '{"traceId":"' .. prefix .. counter(n) .. '==","timestamp":' .. os.time() .. ',' .. ${JSON.stringify(tail)}
  return wrk.format("POST", "/api/v3/traces/checkin", headers, body)
end
`;
}

// ---------------------------------------------------------------------------------------------
// the ceilings

const postScript = (path: string, body: string) => `wrk.method = "POST"
wrk.path = ${JSON.stringify(path)}
wrk.body = ${JSON.stringify(body)}
wrk.headers["Content-Type"] = "application/json"
`;

// ---------------------------------------------------------------------------------------------

/** The target's row count once it reaches `atLeast` (or 30 s pass) and then stays unchanged
 * for the target's quiet time. */
const settled = (t: Target, atLeast = 0) => settledCount(t.count as () => Promise<number>, atLeast, t.quietMs ?? 500);

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const int = (n: number) => Math.round(n).toLocaleString('en-US');
const pct = (x: number) => `${(x * 100).toFixed(1)} %`;

async function main() {
  const started = Date.now();
  console.log('luca: starting it if stopped…');
  execFileSync('bash', [PEER_SH, 'start'], { stdio: 'inherit', env: { ...process.env, LUCA_WORK } });
  const lenv = lucaEnv();
  const lucaUrl = `http://127.0.0.1:${lenv.PORT}`;
  const lucaPid = Number(readFileSync(join(LUCA_WORK, 'luca.pid'), 'utf8'));
  const scannerId = await lucaScannerId(lucaUrl);
  const pgDurability = `fsync ${await psql(lenv, 'SHOW fsync')}, synchronous_commit ${await psql(lenv, 'SHOW synchronous_commit')}, PostgreSQL ${await psql(lenv, 'SHOW server_version')}`;
  const countTraces = async () => Number(await psql(lenv, 'SELECT count(*) FROM "Traces"'));

  await dropTestDatabase('bench');
  const env: Record<string, string> = benchEnv({
    VISIT_MERGE_MINUTES: '0', // every visit a new one, as every luca check-in is
  });
  const redis = new Redis(`${TEST_REDIS}/${TEST_DB.bench.redisDb}`);
  const redisConfig = async (key: string) => ((await redis.config('GET', key)) as string[])[1];
  const redisDurability = `appendonly ${await redisConfig('appendonly')}, appendfsync ${await redisConfig('appendfsync')}`;
  redis.disconnect();

  const express = await startBareJson('express');
  const koa = await startBareJson('koa');
  const bff = await startBffProcess(env, { discardOutput: true });
  const conn = await mysql.createConnection({ host: '127.0.0.1', user: 'root', database: TEST_DB.bench.mysql });
  try {
    const op = await loginBySms(bff.url, '13600000001');
    const out: string[] = [];
    await runAdmin(['grant', '--phone', op.phone, '--role', 'operator'], env, (l) => out.push(l));
    const venue = (
      await call(bff.url, 'POST', '/api/venues', { type: 'public', name: '压测餐厅', address: '压测路 1 号', district: '110105' }, { token: op.token })
    ).body;
    if (!venue?.id) throw new Error(`venue: ${JSON.stringify(venue)}`);
    console.log(`our side: registering ${RESIDENTS} residents…`);
    const visitPosts = (await checkedInResidents(bff.url, RESIDENTS, '134')).map((token) => ({ token, body: '{}' }));
    const countVisits = async () => Number((await conn.query<mysql.RowDataPacket[]>('SELECT COUNT(*) AS n FROM visits'))[0][0].n);

    const targets: Target[] = [
      { name: 'luca check-in', url: lucaUrl, pid: lucaPid, script: () => lucaScript(scannerId), count: countTraces, quietMs: 600, rounds: [] },
      {
        name: 'our visit',
        url: `${bff.url}/api/venues/${venue.id}/visits`,
        pid: bff.pid,
        posts: visitPosts,
        count: countVisits,
        quietMs: 1500,
        rounds: [],
      },
      { name: 'bare Express', url: express.url, pid: express.pid, script: () => postScript('/', '{"hello":"world"}'), rounds: [] },
      { name: 'bare Koa', url: koa.url, pid: koa.pid, script: () => postScript('/', '{"hello":"world"}'), rounds: [] },
    ];

    const load = (t: Target, seconds: number) => wrk(t.url, { seconds, connections: CONNECTIONS, script: t.script?.(), posts: t.posts });
    console.log('warming up…');
    for (const t of targets) await load(t, 3);

    for (let round = 0; round < ROUNDS; round++) {
      // Interleaved, and the order turns each round so no target always follows the same one.
      const order = targets.map((_, i) => targets[(i + round) % targets.length]);
      for (const t of order) {
        // luca's pool drops connections idle for 10 s: a second of load first, for every target alike.
        await load(t, 1);
        // Requests still in flight when that load stopped are answered (and written) after it.
        const before = t.count ? await settled(t) : 0;
        const cpuBefore = cpuMicros(t.pid);
        const r = await load(t, SECONDS);
        const cpuUs = (cpuMicros(t.pid) - cpuBefore) / r.requests;
        const ok = r.requests - r.non2xx;
        const rowsAtEnd = t.count ? (await t.count()) - before : 0;
        // Then until the count stands still: our writer's backlog, and on both sides the
        // requests in flight when wrk stopped (answered to no one: at most one per connection).
        const rowsDurable = t.count ? (await settled(t, before + ok)) - before : 0;
        t.rounds.push({ wrk: r, ok, rowsAtEnd, rowsDurable, cpuUs });
        console.log(
          `round ${round + 1} ${t.name}: ${int(r.requestsPerSecond)} req/s, p50 ${r.p50Ms.toFixed(2)} ms, p99 ${r.p99Ms.toFixed(2)} ms, ${r.non2xx} non-2xx, ${r.socketErrors} socket errors${t.count ? `, rows ${rowsAtEnd} at end / ${rowsDurable} settled vs ${ok} 2xx` : ''}`,
        );
      }
    }

    // ---- report
    const byName = (n: Name) => targets.find((t) => t.name === n) as Target;
    const medRps = (t: Target) => median(t.rounds.map((r) => r.wrk.requestsPerSecond));
    const medRound = (t: Target) => [...t.rounds].sort((a, b) => a.wrk.requestsPerSecond - b.wrk.requestsPerSecond)[Math.floor(t.rounds.length / 2)];
    const luca = byName('luca check-in');
    const ours = byName('our visit');
    const bx = byName('bare Express');
    const bk = byName('bare Koa');
    const sum = (t: Target, f: (r: Round) => number) => t.rounds.reduce((s, r) => s + f(r), 0);
    const row = (t: Target, ceiling?: Target) => {
      const m = medRound(t);
      const ok = sum(t, (r) => r.ok);
      const settledRows = sum(t, (r) => r.rowsDurable);
      const missing = sum(t, (r) => Math.max(0, r.ok - r.rowsDurable));
      const rows = t.count
        ? `${int(ok)} 2xx: ${int(sum(t, (r) => r.rowsAtEnd))} rows at end, ${int(settledRows)} settled (${settledRows >= ok ? '+' : ''}${int(settledRows - ok)}${missing ? `; **${int(missing)} answered without a row**` : ''})`
        : '—';
      return `| ${t.name} | ${int(medRps(t))} | ${m.wrk.p50Ms.toFixed(2)} ms | ${m.wrk.p99Ms.toFixed(2)} ms | ${sum(t, (r) => r.wrk.non2xx)} / ${sum(t, (r) => r.wrk.socketErrors)} | ${rows} | ${median(t.rounds.map((r) => r.cpuUs)).toFixed(0)} µs | ${ceiling ? pct(medRps(t) / medRps(ceiling)) : '—'} |`;
    };
    const perRound = (t: Target) => t.rounds.map((r) => int(r.wrk.requestsPerSecond)).join(' / ');
    const roundRatios = ours.rounds.map((r, i) => r.wrk.requestsPerSecond / luca.rounds[i].wrk.requestsPerSecond);
    const date = new Date().toISOString().replace(/\.\d+Z$/, 'Z');
    const run = `### Run of ${date} (commit ${commitMeasured()})

| target | req/s (median round) | p50 | p99 | non-2xx / socket errors (all rounds) | durable rows against 2xx answers (all rounds) | server CPU per request | of its own ceiling |
|---|---|---|---|---|---|---|---|
${row(luca, bx)}
${row(ours, bk)}
${row(bx)}
${row(bk)}

- **ours / luca: ${(medRps(ours) / medRps(luca)).toFixed(1)}×** by median req/s (per round: ${roundRatios.map((x) => `${x.toFixed(1)}×`).join(', ')}); by server CPU per request ${(median(luca.rounds.map((r) => r.cpuUs)) / median(ours.rounds.map((r) => r.cpuUs))).toFixed(1)}×.
- luca check-in / bare Express **${pct(medRps(luca) / medRps(bx))}**; our visit / bare Koa **${pct(medRps(ours) / medRps(bk))}**; bare Koa / bare Express ${pct(medRps(bk) / medRps(bx))}.
- Rounds (req/s): luca ${perRound(luca)}; ours ${perRound(ours)}; bare Express ${perRound(bx)}; bare Koa ${perRound(bk)}.
- Whole run ${((Date.now() - started) / 1000).toFixed(0)} s.`;
    console.log(run);
    writeRunsSection(
      SECTION,
      `## A real peer: luca's check-in beside our visit

Written by \`npm run bench:peer\` (test/bench/peerLuca.ts); luca set up by \`npm run peer:luca -- setup\` (docs/peer-luca.md).
The last ${KEEP_RUNS} runs are kept, newest last.

- Machine: ${machine()}. Everything on this one machine, loopback only; the machine is shared (expect noise).
- luca: LexaTRex/luca_webserver 49b7087 \`services/backend\` (Express 4.17.1, Sequelize 6.5.1, pg 8.5.1), \`NODE_ENV=production node src\`, one process,
  its own PostgreSQL cluster on 127.0.0.2:5432 (${pgDurability}), its own Redis. Every request a new trace id (wrk Lua), the current timestamp.
- Ours: the BFF, one process, MariaDB and Redis (${redisDurability}) on loopback; ${RESIDENTS} residents round-robin, every visit a new one (repeat window off).
- Ceilings: bare Express 4 (\`express.json()\`) and bare Koa 3 (\`@koa/bodyparser\`), one process each, a POST with a small JSON body → 201 JSON (test/bench/bareJson.ts).
- Load: wrk, 1 thread, ${CONNECTIONS} connections, ${SECONDS} s per measured round after 1 s of load on the same target, ${ROUNDS} interleaved rounds (order rotated each round); median round shown.
- Durability at the answer: luca answers 201 after Sequelize's INSERT committed (autocommit; with \`synchronous_commit on\` the WAL is flushed to disk first).
  Ours answers 201 once the visit is in the Redis stream (XADD; \`VISIT_ACK=write\` — production also waits for a Redis replica, measured by \`npm run bench:ack\`): on the Redis host's memory, on disk within a second with \`appendfsync everysec\`, not at all with the
  benchmark Redis's settings above if they say \`appendonly no\`; the writer copies it to MariaDB (InnoDB, flushed at commit) within about a second.
  Rows are counted in luca's \`Traces\` and our \`visits\` before and after each measured round, each count taken once the table stands still: "at end" when wrk
  stopped, "settled" once the count reached the 2xx answers and stood still (ours: after the writer's backlog). Rows beyond the 2xx answers are requests that were in
  flight when wrk stopped (answered to no one; at most ${CONNECTIONS} per round); a 2xx answer without a row would be a lost acknowledgement.`,
      run,
      KEEP_RUNS,
    );
    console.log('wrote the peer-luca section of docs/benchmarks.md');
  } finally {
    express.stop();
    koa.stop();
    await bff.stop();
    await conn.end();
  }
}

main().then(
  () => process.exit(0),
  (err: unknown) => {
    console.error(err);
    process.exit(1);
  },
);
