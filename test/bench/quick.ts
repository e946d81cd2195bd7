/**
 * `npm run bench:quick`: only GET /api/me/code against bare Koa (part 1 of run.ts), in a
 * couple of minutes, writing nothing. With BENCH_BASE=<another checkout> (a worktree of an
 * earlier commit with its own node_modules) that checkout's BFF is measured in the same
 * interleaved rounds, so a change is judged by ratios taken under the same conditions on a
 * machine whose speed drifts by ±30 % between minutes.
 */
import mysql from 'mysql2/promise';
import { Redis } from 'ioredis';
import { startBffProcess, type BffProcess } from '../support/bffProcess';
import { registerResident } from '../support/flows';
import { call } from '../support/http';
import { dropTestDatabase } from '../support/globalSetup';
import { TEST_DB, TEST_REDIS, testDatabase, testEnv } from '../support/testApp';
import { startBareKoa } from './bareKoaProcess';
import { cpuMicros } from './cpu';
import { wrk, type WrkResult } from './wrk';

const SECONDS = Number(process.env.BENCH_SECONDS ?? 6);
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 3);
const CONNECTIONS = 64;
const USERS = 100;
/** The base checkout's own database and Redis db: it migrates and registers on its own. */
const BASE_DB = { mysql: testDatabase('yima_bench_base'), redisDb: 14 };

async function dropBaseDatabase(): Promise<void> {
  const conn = await mysql.createConnection({ host: '127.0.0.1', port: 3306, user: 'root' });
  await conn.query(`DROP DATABASE IF EXISTS \`${BASE_DB.mysql}\``).finally(() => conn.end());
  const redis = new Redis(`${TEST_REDIS}/${BASE_DB.redisDb}`);
  await redis.flushdb().finally(() => redis.disconnect());
}

async function residents(url: string): Promise<string[]> {
  const tokens: string[] = [];
  for (let i = 0; i < USERS; i++) {
    const r = await registerResident(url, { phone: `137${String(i).padStart(8, '0')}` });
    const checkin = await call(
      url,
      'POST',
      '/api/me/checkins',
      { temperature: 'normal', symptoms: [], visitedAreas: [], contact: 'none', address: { district: '110105', detail: '1' } },
      { token: r.token },
    );
    if (checkin.status !== 201) throw new Error(`check-in failed: ${JSON.stringify(checkin.body)}`);
    tokens.push(r.token);
  }
  return tokens;
}

interface Target {
  name: string;
  pid: number;
  url: string;
  tokens?: string[];
  rps: number[];
  cpu: number[];
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const pct = (x: number) => `${(x * 100).toFixed(1)} %`;

async function main() {
  const base = process.env.BENCH_BASE;
  await dropTestDatabase('bench');
  if (base) await dropBaseDatabase();
  // Production settings for logging, as in run.ts.
  const env: Record<string, string> = {
    ...testEnv('bench'),
    LOG_LEVEL: 'info',
    REQUEST_LOG_SAMPLE: '0.01',
    TRUST_PROXY_HOPS: '0',
    SMS_IP_LIMIT: '1000000',
    SMS_GLOBAL_PER_SECOND: '1000000',
  };
  const baseEnv = { ...env, MYSQL_URL: env.MYSQL_URL.replace(TEST_DB.bench.mysql, BASE_DB.mysql), REDIS_URL: `${TEST_REDIS}/${BASE_DB.redisDb}` };
  const bare = await startBareKoa();
  const processes: BffProcess[] = [];
  try {
    const here = await startBffProcess(env, { discardOutput: true });
    processes.push(here);
    const targets: Target[] = [{ name: 'bare Koa', pid: bare.pid, url: bare.url, rps: [], cpu: [] }];
    console.log(`registering ${USERS} residents…`);
    targets.push({ name: 'code (this checkout)', pid: here.pid, url: `${here.url}/api/me/code`, tokens: await residents(here.url), rps: [], cpu: [] });
    if (base) {
      const there = await startBffProcess(baseEnv, { discardOutput: true, cwd: base });
      processes.push(there);
      targets.push({ name: `code (${base})`, pid: there.pid, url: `${there.url}/api/me/code`, tokens: await residents(there.url), rps: [], cpu: [] });
    }
    console.log('warming up…');
    for (const t of targets) await wrk(t.url, { seconds: 3, connections: CONNECTIONS, tokens: t.tokens });
    for (let round = 0; round < ROUNDS; round++) {
      for (const t of targets) {
        const before = cpuMicros(t.pid);
        const r: WrkResult = await wrk(t.url, { seconds: SECONDS, connections: CONNECTIONS, tokens: t.tokens });
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
