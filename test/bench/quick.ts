/**
 * `npm run bench:quick`: the hot routes against bare Koa in interleaved rounds, in a couple of
 * minutes, writing nothing. BENCH_ROUTES picks them (`code`, `scans`, `visits`; default
 * `code`). With BENCH_BASE=<another checkout> (a worktree of an earlier commit with its own
 * node_modules) that checkout's BFF is measured in the same interleaved rounds, so a change is
 * judged by ratios taken under the same conditions on a machine whose speed drifts by ±30 %
 * between minutes.
 */
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import mysql from 'mysql2/promise';
import { Redis } from 'ioredis';
import { startBffProcess, type BffProcess } from '../support/bffProcess';
import { declareResident, loginBySms, registerResident } from '../support/flows';
import { call } from '../support/http';
import { dropTestDatabase } from '../support/globalSetup';
import { TEST_REDIS, testDatabase } from '../support/testApp';
import { startBareKoa } from './bareKoaProcess';
import { cpuMicros } from './cpu';
import { benchEnv, profilingArgs } from './benchEnv';
import { wrk, type WrkResult } from './wrk';
import { checkedInResidents } from './residents';

const SECONDS = Number(process.env.BENCH_SECONDS ?? 6);
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 3);
const CONNECTIONS = 64;
const USERS = 100;
const ROUTES = (process.env.BENCH_ROUTES ?? 'code').split(',').map((r) => r.trim());
for (const r of ROUTES) if (!['code', 'scans', 'visits'].includes(r)) throw new Error(`BENCH_ROUTES: unknown route ${r}`);
const execFileP = promisify(execFile);
/** The base checkout's own database and Redis db: it migrates and registers on its own. */
const BASE_DB = { mysql: testDatabase('yima_bench_base'), redisDb: 14 };

async function dropBaseDatabase(): Promise<void> {
  const conn = await mysql.createConnection({ host: '127.0.0.1', port: 3306, user: 'root' });
  await conn.query(`DROP DATABASE IF EXISTS \`${BASE_DB.mysql}\``).finally(() => conn.end());
  const redis = new Redis(`${TEST_REDIS}/${BASE_DB.redisDb}`);
  await redis.flushdb().finally(() => redis.disconnect());
}

/** Registered, checked-in residents. A checkout from before real-name verification
 * (issue 10) has no verification route: there, declaring the identity is registering. */
async function residents(url: string): Promise<string[]> {
  const verifies = (await call(url, 'POST', '/api/me/identity/verifications', {}, {})).status !== 404;
  return checkedInResidents(url, USERS, '137', verifies ? registerResident : declareResident);
}

interface Target {
  name: string;
  pid: number;
  url: string;
  tokens?: string[];
  /** POSTs instead of GETs; a function when they must be made fresh each round (code tokens). */
  posts?: () => Promise<{ token: string; body: string }[]>;
  rps: number[];
  cpu: number[];
}

/** A venue, a guard of it, and the given residents: the POSTs of each hot write route. */
async function placeTargets(url: string, cwd: string | undefined, env: Record<string, string>, tokens: string[]) {
  const grant = async (phone: string, ...args: string[]) =>
    execFileP(process.execPath, ['--import', 'tsx', 'bff/src/cli/admin.ts', 'grant', '--phone', phone, ...args], {
      cwd: cwd ?? process.cwd(),
      env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '/root', ...env },
    });
  const op = await loginBySms(url, '13600000001');
  await grant(op.phone, '--role', 'operator');
  const venue = await call(url, 'POST', '/api/venues', { type: 'station', name: '压测车站', address: '压测路 1 号', district: '110105' }, { token: op.token });
  if (venue.status !== 201) throw new Error(`venue: ${JSON.stringify(venue.body)}`);
  const guard = await loginBySms(url, '13600000002');
  await grant(guard.phone, '--role', 'venue-staff', '--venue', venue.body.id);
  const visits = tokens.map((token) => ({ token, body: '{}' }));
  return {
    visitsUrl: `${url}/api/venues/${venue.body.id}/visits`,
    visits: async () => visits,
    scans: async () => {
      const posts = [];
      for (const token of tokens) {
        const qr = (await call(url, 'GET', '/api/me/code', undefined, { token })).body.qr;
        posts.push({ token: guard.token, body: JSON.stringify({ venueId: venue.body.id, qr }) });
      }
      return posts;
    },
  };
}

async function targetsOf(label: string, bff: BffProcess, cwd: string | undefined, env: Record<string, string>): Promise<Target[]> {
  console.log(`${label}: registering ${USERS} residents…`);
  const tokens = await residents(bff.url);
  const out: Target[] = [];
  const t = (route: string, url: string, extra: Partial<Target>): Target => ({ name: `${route} (${label})`, pid: bff.pid, url, rps: [], cpu: [], ...extra });
  if (ROUTES.includes('code')) out.push(t('code', `${bff.url}/api/me/code`, { tokens }));
  if (ROUTES.includes('scans') || ROUTES.includes('visits')) {
    const places = await placeTargets(bff.url, cwd, env, tokens);
    if (ROUTES.includes('visits')) out.push(t('visits', places.visitsUrl, { posts: places.visits }));
    if (ROUTES.includes('scans')) out.push(t('scans', `${bff.url}/api/scans`, { posts: places.scans }));
  }
  return out;
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const pct = (x: number) => `${(x * 100).toFixed(1)} %`;

async function main() {
  const base = process.env.BENCH_BASE;
  await dropTestDatabase('bench');
  if (base) await dropBaseDatabase();
  // Production settings for logging, as in run.ts.
  const env: Record<string, string> = benchEnv({
    VISIT_MERGE_MINUTES: '0', // every visit a new one, as in places.ts
  });
  // The base connects as root, with no MYSQL_ADMIN_URL: a checkout from before the database
  // grants (decision 0015) has no application user, and a later one refuses an admin URL naming
  // the account MYSQL_URL names, but migrates and queries as MYSQL_URL's account without one.
  const baseUrl = `mysql://root@127.0.0.1:3306/${BASE_DB.mysql}`;
  const { MYSQL_ADMIN_URL: _ownAdmin, ...envWithoutAdmin } = env;
  const baseEnv = { ...envWithoutAdmin, MYSQL_URL: baseUrl, REDIS_URL: `${TEST_REDIS}/${BASE_DB.redisDb}` };
  const bare = await startBareKoa();
  const processes: BffProcess[] = [];
  try {
    const here = await startBffProcess(env, { discardOutput: true, nodeArgs: profilingArgs() });
    processes.push(here);
    const targets: Target[] = [{ name: 'bare Koa', pid: bare.pid, url: bare.url, rps: [], cpu: [] }];
    targets.push(...(await targetsOf('this checkout', here, undefined, env)));
    if (base) {
      const there = await startBffProcess(baseEnv, { discardOutput: !process.env.BENCH_BASE_OUTPUT, cwd: base });
      processes.push(there);
      targets.push(...(await targetsOf(base, there, base, baseEnv)));
    }
    console.log('warming up…');
    for (const t of targets) await wrk(t.url, { seconds: 3, connections: CONNECTIONS, tokens: t.tokens, posts: await t.posts?.() });
    for (let round = 0; round < ROUNDS; round++) {
      for (const t of targets) {
        const posts = await t.posts?.(); // made before the CPU is read: fresh code tokens each round
        const before = cpuMicros(t.pid);
        const r: WrkResult = await wrk(t.url, { seconds: SECONDS, connections: CONNECTIONS, tokens: t.tokens, posts });
        if (r.non2xx) throw new Error(`${t.name}: ${r.non2xx} answers were not 2xx`);
        t.rps.push(r.requestsPerSecond);
        t.cpu.push((cpuMicros(t.pid) - before) / r.requests);
      }
      const bareRps = targets[0].rps[round];
      console.log(
        `round ${round + 1}: ${targets.map((t) => `${t.name} ${Math.round(t.rps[round])} req/s${t === targets[0] ? '' : ` (${pct(t.rps[round] / bareRps)})`}`).join('; ')}`,
      );
    }
    const bareRps = median(targets[0].rps);
    const bareCpu = median(targets[0].cpu);
    for (const t of targets) {
      console.log(
        `${t.name}: median ${Math.round(median(t.rps))} req/s (${pct(median(t.rps) / bareRps)} of bare Koa), ${median(t.cpu).toFixed(1)} µs CPU per request (${pct(bareCpu / median(t.cpu))} of bare Koa by CPU)`,
      );
    }
  } finally {
    bare.stop();
    for (const p of processes) await p.stop();
  }
}

main().catch((err: unknown) => {
  console.error(err);
  process.exit(1);
});
