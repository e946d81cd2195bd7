/**
 * `npm run bench:ack`: what a durable acknowledgement of a visit costs (issue 14, decision
 * 0031). In one run, in interleaved rounds, our visit route (`POST /api/venues/:id/visits`)
 * with three Redis setups, one BFF process each, and bare Koa as the ceiling:
 *
 * - `write, everysec`: VISIT_ACK=write, Redis `appendfsync everysec` (the production default
 *   before this decision);
 * - `write, always`: VISIT_ACK=write, Redis `appendfsync always` (fsync before every answer);
 * - `replica`: VISIT_ACK=replica, Redis `everysec` with one replica on loopback (WAIT 1).
 *
 * Each Redis is started here, files in a temporary folder, and stopped at the end. luca's
 * figure is read from the peer-luca section of docs/benchmarks.md (its last run), unless luca
 * is running (`npm run peer:luca -- start`) — then run `npm run bench:peer` beside this.
 * Writes its section of docs/benchmarks.md (the last three runs are kept).
 */
import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import mysql from 'mysql2/promise';
import { Redis } from 'ioredis';
import { runAdmin } from '@yima/bff/src/cli/admin';
import { freePort, startBffProcess, type BffProcess } from '../support/bffProcess';
import { loginBySms } from '../support/flows';
import { call } from '../support/http';
import { dropTestDatabase } from '../support/globalSetup';
import { TEST_DB } from '../support/testApp';
import { cpuMicros } from './cpu';
import { existingSection, writeRunsSection } from './docSection';
import { checkedInResidents } from './residents';
import { benchEnv } from './benchEnv';
import { settledCount } from './settledCount';
import { wrk, type WrkResult } from './wrk';
import { commitMeasured, machine } from './measured';
import { startBareJson } from './bareKoaProcess';

const SECONDS = Number(process.env.BENCH_SECONDS ?? 6);
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 3);
const CONNECTIONS = Number(process.env.BENCH_CONNECTIONS ?? 64);
const RESIDENTS = Number(process.env.BENCH_RESIDENTS ?? 50);
const SECTION = 'durable-ack';
const KEEP_RUNS = 3;
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const dir = mkdtempSync(join(tmpdir(), 'yima-bench-ack-'));
const redisServers: ChildProcess[] = [];

async function startRedis(name: string, ...args: string[]): Promise<number> {
  const port = await freePort();
  const child = spawn(
    'redis-server',
    [
      '--port',
      String(port),
      '--bind',
      '127.0.0.1',
      '--save',
      '',
      '--appendonly',
      'yes',
      '--dir',
      mkdtempSync(join(dir, `${name}-`)),
      '--daemonize',
      'no',
      ...args,
    ],
    { stdio: 'ignore' },
  );
  redisServers.push(child);
  const probe = new Redis({ port, host: '127.0.0.1', lazyConnect: true, maxRetriesPerRequest: 0, retryStrategy: () => null });
  probe.on('error', () => undefined);
  for (let i = 0; ; i++) {
    if (
      await probe.connect().then(
        () => probe.ping().then((p) => p === 'PONG'),
        () => false,
      )
    )
      break;
    if (i > 100) throw new Error(`redis ${name} did not start`);
    await sleep(100);
  }
  probe.disconnect();
  return port;
}

/** luca's median req/s and p99 in the last run of the peer-luca section, and that run's title. */
function lastLuca(): { rps: number; p99: string; run: string } | null {
  const section = existingSection('peer-luca');
  const runs = section.split(/(?=^### Run )/m).filter((s) => s.startsWith('### Run'));
  const last = runs[runs.length - 1];
  const row = last ? /^\| luca check-in \| ([\d,]+) \| [^|]+ \| ([^|]+) \|/m.exec(last) : null;
  if (!last || !row) return null;
  return { rps: Number(row[1].replace(/,/g, '')), p99: row[2].trim(), run: last.split('\n')[0].replace(/^### /, '') };
}

interface Round {
  wrk: WrkResult;
  ok: number;
  rows: number;
  cpuUs: number;
}
interface Target {
  name: string;
  url: string;
  pid: number;
  posts?: { token: string; body: string }[];
  script?: string;
  rows?: () => Promise<number>;
  rounds: Round[];
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const int = (n: number) => Math.round(n).toLocaleString('en-US');

async function main() {
  const started = Date.now();
  const redisVersion = execFileSync('redis-server', ['--version'], { encoding: 'utf8' }).split(' ')[2]?.replace('v=', '') ?? '?';
  const everysec = await startRedis('everysec', '--appendfsync', 'everysec');
  const always = await startRedis('always', '--appendfsync', 'always');
  const master = await startRedis('master', '--appendfsync', 'everysec');
  const replicaPort = await startRedis('replica', '--appendfsync', 'everysec', '--replicaof', '127.0.0.1', String(master));
  const replica = new Redis({ port: replicaPort, host: '127.0.0.1' });
  while (!/master_link_status:up/.test(await replica.info('replication'))) await sleep(100);
  replica.disconnect();

  await dropTestDatabase('bench');
  const base = benchEnv({
    VISIT_MERGE_MINUTES: '0', // every visit a new one, as in the peer benchmark
  });
  const setups = [
    { name: 'visit, ack=write, everysec', port: everysec, ack: 'write', phones: '135' },
    { name: 'visit, ack=write, always', port: always, ack: 'write', phones: '136' },
    { name: 'visit, ack=replica (WAIT 1)', port: master, ack: 'replica', phones: '137' },
  ];
  const bffs: BffProcess[] = [];
  const koa = await startBareJson('koa');
  // Opened once the first BFF has created the database.
  let conn: mysql.Connection | null = null;
  try {
    const targets: Target[] = [];
    // One after another: the first migrates the database.
    for (const s of setups) {
      const env = { ...base, REDIS_URL: `redis://127.0.0.1:${s.port}/0`, VISIT_ACK: s.ack };
      const bff = await startBffProcess(env, { discardOutput: true });
      bffs.push(bff);
      conn ??= await mysql.createConnection({ host: '127.0.0.1', user: 'root', database: TEST_DB.bench.mysql });
      const db = conn;
      const op = await loginBySms(bff.url, `${s.phones}99999999`);
      await runAdmin(['grant', '--phone', op.phone, '--role', 'operator'], env, () => undefined);
      const venue = (
        await call(bff.url, 'POST', '/api/venues', { type: 'public', name: '压测餐厅', address: '压测路 1 号', district: '110105' }, { token: op.token })
      ).body;
      if (!venue?.id) throw new Error(`venue: ${JSON.stringify(venue)}`);
      console.log(`${s.name}: registering ${RESIDENTS} residents…`);
      const posts = (await checkedInResidents(bff.url, RESIDENTS, s.phones)).map((token) => ({ token, body: '{}' }));
      const rows = async () => Number((await db.query<mysql.RowDataPacket[]>('SELECT COUNT(*) AS n FROM visits WHERE venue_id = ?', [venue.id]))[0][0].n);
      targets.push({ name: s.name, url: `${bff.url}/api/venues/${venue.id}/visits`, pid: bff.pid, posts, rows, rounds: [] });
    }
    targets.push({
      name: 'bare Koa',
      url: koa.url,
      pid: koa.pid,
      script: `wrk.method = "POST"\nwrk.body = "{\\"hello\\":\\"world\\"}"\nwrk.headers["Content-Type"] = "application/json"\n`,
      rounds: [],
    });

    /** The target's rows once they stand still for 1.5 s (the drainer's backlog written). */
    const settled = (t: Target, atLeast: number) => settledCount(t.rows as () => Promise<number>, atLeast, 1500);
    const load = (t: Target, seconds: number) => wrk(t.url, { seconds, connections: CONNECTIONS, posts: t.posts, script: t.script });
    console.log('warming up…');
    for (const t of targets) await load(t, 3);
    for (let round = 0; round < ROUNDS; round++) {
      const order = targets.map((_, i) => targets[(i + round) % targets.length]);
      for (const t of order) {
        await load(t, 1);
        const before = t.rows ? await settled(t, 0) : 0;
        const cpuBefore = cpuMicros(t.pid);
        const r = await load(t, SECONDS);
        const cpuUs = (cpuMicros(t.pid) - cpuBefore) / r.requests;
        const ok = r.requests - r.non2xx;
        const rows = t.rows ? (await settled(t, before + ok)) - before : 0;
        t.rounds.push({ wrk: r, ok, rows, cpuUs });
        console.log(
          `round ${round + 1} ${t.name}: ${int(r.requestsPerSecond)} req/s, p50 ${r.p50Ms.toFixed(2)} ms, p99 ${r.p99Ms.toFixed(2)} ms, ${r.non2xx} non-2xx${t.rows ? `, ${rows} rows vs ${ok} 2xx` : ''}`,
        );
      }
    }

    const luca = lastLuca();
    const medRps = (t: Target) => median(t.rounds.map((r) => r.wrk.requestsPerSecond));
    const medRound = (t: Target) => [...t.rounds].sort((a, b) => a.wrk.requestsPerSecond - b.wrk.requestsPerSecond)[Math.floor(t.rounds.length / 2)];
    const sum = (t: Target, f: (r: Round) => number) => t.rounds.reduce((s, r) => s + f(r), 0);
    const [write] = targets;
    const koaT = targets[targets.length - 1];
    const row = (t: Target) => {
      const m = medRound(t);
      const ok = sum(t, (r) => r.ok);
      const missing = sum(t, (r) => Math.max(0, r.ok - r.rows));
      return `| ${t.name} | ${int(medRps(t))} | ${m.wrk.p50Ms.toFixed(2)} ms | ${m.wrk.p99Ms.toFixed(2)} ms | ${sum(t, (r) => r.wrk.non2xx)} / ${sum(t, (r) => r.wrk.socketErrors)} | ${t.rows ? `${int(ok)} 2xx, ${int(sum(t, (r) => r.rows))} rows${missing ? `; **${int(missing)} answered without a row**` : ''}` : '—'} | ${median(t.rounds.map((r) => r.cpuUs)).toFixed(0)} µs | ${t === write ? '100 %' : `${((medRps(t) / medRps(write)) * 100).toFixed(1)} %`} | ${luca && t.rows ? `${(medRps(t) / luca.rps).toFixed(1)}×` : '—'} |`;
    };
    const date = new Date().toISOString().replace(/\.\d+Z$/, 'Z');
    const run = `### Run of ${date} (commit ${commitMeasured()})

| target | req/s (median round) | p50 | p99 | non-2xx / socket errors | 2xx against rows in MariaDB (all rounds) | BFF CPU per request | of ack=write, everysec | / luca's ${luca ? int(luca.rps) : '?'} req/s |
|---|---|---|---|---|---|---|---|---|
${targets.map(row).join('\n')}

- Rounds (req/s): ${targets.map((t) => `${t.name} ${t.rounds.map((r) => int(r.wrk.requestsPerSecond)).join(' / ')}`).join('; ')}.
- Per round, of ack=write everysec: ${targets
      .slice(1, -1)
      .map((t) => `${t.name} ${t.rounds.map((r, i) => `${((r.wrk.requestsPerSecond / write.rounds[i].wrk.requestsPerSecond) * 100).toFixed(0)} %`).join(', ')}`)
      .join('; ')}.
- Per round, p99: ${targets.map((t) => `${t.name} ${t.rounds.map((r) => `${r.wrk.p99Ms.toFixed(1)}`).join(' / ')} ms`).join('; ')}.
- luca: ${luca ? `${int(luca.rps)} req/s, p99 ${luca.p99}, from the peer-luca section's last run (${luca.run}), not measured in this run` : 'no recorded figure'}. Our visit / bare Koa (everysec): ${((medRps(write) / medRps(koaT)) * 100).toFixed(1)} %.
- Whole run ${((Date.now() - started) / 1000).toFixed(0)} s.`;
    console.log(run);
    writeRunsSection(
      SECTION,
      `## What a durable acknowledgement costs (VISIT_ACK, appendfsync)

Written by \`npm run bench:ack\` (test/bench/durableAck.ts); decision 0031. The last ${KEEP_RUNS} runs are kept, newest last.

- Machine: ${machine()}. Everything on this one machine, loopback only; the machine is shared (expect noise).
- Ours: one BFF process per setup, all on one MariaDB; each with a Redis ${redisVersion} of its own, \`appendonly yes\`: \`everysec\`; \`always\`; \`everysec\` with one replica (itself \`everysec\`) on loopback, VISIT_ACK=replica (one \`WAIT 1 300\` per group of visits). ${RESIDENTS} residents per setup round-robin, every visit a new one.
- A replica on loopback measures the protocol's cost, not a network's: across machines each WAIT adds a round trip (~0.1–0.5 ms in one data centre) to a visit's latency, shared by every visit of its group.
- Load: wrk, 1 thread, ${CONNECTIONS} connections, ${SECONDS} s per measured round after 1 s of load on the same target, ${ROUNDS} interleaved rounds (order rotated each round); median round shown.
- Rows: visits of the setup's place in MariaDB once the drainer's backlog is written, against the 2xx answers (more rows than answers: requests in flight when wrk stopped).`,
      run,
      KEEP_RUNS,
    );
    console.log('wrote the durable-ack section of docs/benchmarks.md');
  } finally {
    koa.stop();
    for (const b of bffs) await b.stop();
    await conn?.end();
    for (const s of redisServers) s.kill('SIGTERM');
    await sleep(500);
    rmSync(dir, { recursive: true, force: true });
  }
}

main().then(
  () => process.exit(0),
  (err: unknown) => {
    console.error(err);
    for (const s of redisServers) s.kill('SIGKILL');
    // A failure before the BFFs started skips main's own clean-up.
    rmSync(dir, { recursive: true, force: true });
    process.exit(1);
  },
);
