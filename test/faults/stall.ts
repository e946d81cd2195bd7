/**
 * `npm run faults -- --profile short|long`: a stalled store under load (docs/decisions/0027).
 *
 * Starts its own redis-server and its own mariadbd (a fresh `mariadb-install-db` data folder)
 * on free loopback ports, the BFF as its own process against them with production deadlines,
 * and residents and a place. Then, once per store, runs open-loop load on 127.0.0.1 — code
 * fetches (GET /api/me/code) and visits (POST /api/venues/:id/visits) — and SIGSTOPs the store
 * in the middle for a while, then SIGCONTs it. Prints, per fault: answers by status and error
 * code, p50/p99/max during the fault, the time to recovery, and visits acknowledged vs stored.
 *
 * Exits 1 if any request took longer than the largest deadline + 1 s (a hang), or if an
 * acknowledged visit is missing from MariaDB once the stream has drained.
 *
 * `--code-cache-seconds 0` turns the in-process code cache off, so that code fetches meet the
 * stalled Redis too.
 *
 * short: 100 code fetches/s and 20 visits/s for 10 s, 3 s stall (about a minute in all).
 * long: 200 and 40 per second for 30 s, 7 s stall (the table of issue 14).
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import mysql from 'mysql2/promise';
import { runAdmin } from '@yima/bff/src/cli/admin';
import { freePort, startBffProcess, type BffProcess } from '../support/bffProcess';
import { loginBySms, registerResident } from '../support/flows';
import { call } from '../support/http';
import { testEnv } from '../support/testApp';

const PROFILES = {
  short: { seconds: 10, codeRps: 100, visitRps: 20, stallAt: 3, stallSeconds: 3, residents: 40 },
  long: { seconds: 30, codeRps: 200, visitRps: 40, stallAt: 10, stallSeconds: 7, residents: 100 },
} as const;
/** The BFF's defaults (config.ts): the fault script runs with production deadlines. */
const MYSQL_DEADLINE_MS = 600;
const REDIS_DEADLINE_MS = 400;
const HANG_MS = Math.max(MYSQL_DEADLINE_MS, REDIS_DEADLINE_MS) + 1000;
/** A client gives up on a request after this: such a request counts as a hang. */
const CLIENT_TIMEOUT_MS = 15_000;

// --code-cache-seconds 0: every code fetch goes to Redis (the default 30 s answers a warm
// resident's code page from the process's memory, through a Redis stall).
const { values: args } = parseArgs({ options: { profile: { type: 'string', default: 'short' }, 'code-cache-seconds': { type: 'string' } } });
const profile = PROFILES[args.profile as keyof typeof PROFILES];
if (!profile) throw new Error(`--profile: short or long, not ${args.profile}`);

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** A child process we started, stopped on exit whatever happens. */
const children: ChildProcess[] = [];
function startChild(cmd: string, argv: string[]): ChildProcess {
  const child = spawn(cmd, argv, { stdio: ['ignore', 'ignore', 'pipe'] });
  let err = '';
  child.stderr?.on('data', (d) => (err = (err + d).slice(-4000)));
  child.once('exit', (code) => {
    if (code && !stopping) console.error(`${cmd} exited with ${code}:\n${err}`);
  });
  children.push(child);
  return child;
}
let stopping = false;

async function waitFor(what: string, check: () => Promise<boolean>, timeoutMs = 30_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await check().catch(() => false))) {
    if (Date.now() > deadline) throw new Error(`${what} did not start within ${timeoutMs / 1000} s`);
    await sleep(100);
  }
}

async function startRedis(): Promise<{ port: number; child: ChildProcess }> {
  const port = await freePort();
  const child = startChild('redis-server', ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no']);
  await waitFor('redis-server', async () => {
    const { Redis } = await import('ioredis');
    const r = new Redis({ port, host: '127.0.0.1', lazyConnect: true, maxRetriesPerRequest: 0, retryStrategy: () => null });
    r.on('error', () => undefined); // not listening yet: asked again in 100 ms
    try {
      await r.connect();
      return (await r.ping()) === 'PONG';
    } finally {
      r.disconnect();
    }
  });
  return { port, child };
}

async function startMariadb(dir: string): Promise<{ port: number; child: ChildProcess }> {
  const port = await freePort();
  const data = join(dir, 'data');
  await new Promise<void>((resolve, reject) => {
    const install = spawn(
      'mariadb-install-db',
      ['--no-defaults', `--datadir=${data}`, '--auth-root-authentication-method=normal', '--skip-test-db', '--user=root'],
      {
        stdio: 'ignore',
      },
    );
    install.once('exit', (code) => (code === 0 ? resolve() : reject(new Error(`mariadb-install-db exited with ${code}`))));
  });
  const child = startChild('mariadbd', [
    '--no-defaults',
    `--datadir=${data}`,
    `--port=${port}`,
    '--bind-address=127.0.0.1',
    `--socket=${join(dir, 'mysqld.sock')}`,
    `--pid-file=${join(dir, 'mysqld.pid')}`,
    '--user=root',
    '--innodb-buffer-pool-size=128M',
    '--skip-log-bin',
  ]);
  await waitFor('mariadbd', async () => {
    const conn = await mysql.createConnection({ host: '127.0.0.1', port, user: 'root' });
    await conn.end();
    return true;
  });
  return { port, child };
}

interface Sample {
  route: 'code' | 'visit';
  startedAt: number;
  ms: number;
  status: number;
  code: string;
}

/** Open-loop load: requests are started on schedule, whether or not earlier ones answered. */
async function load(bff: BffProcess, tokens: string[], venueId: string, seconds: number, during: (elapsedMs: number) => void): Promise<Sample[]> {
  const samples: Sample[] = [];
  const pending: Promise<void>[] = [];
  const fire = (route: Sample['route']) => {
    const token = tokens[Math.floor(Math.random() * tokens.length)];
    const startedAt = Date.now();
    const request =
      route === 'code'
        ? fetch(`${bff.url}/api/me/code`, { headers: { authorization: `Bearer ${token}` }, signal: AbortSignal.timeout(CLIENT_TIMEOUT_MS) })
        : fetch(`${bff.url}/api/venues/${venueId}/visits`, {
            method: 'POST',
            headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
            body: '{}',
            signal: AbortSignal.timeout(CLIENT_TIMEOUT_MS),
          });
    pending.push(
      request
        .then(async (res) => {
          const text = await res.text();
          let code = String(res.status);
          if (res.status >= 400) code = (JSON.parse(text) as { error?: { code?: string } }).error?.code ?? code;
          samples.push({ route, startedAt, ms: Date.now() - startedAt, status: res.status, code });
        })
        .catch((err: Error) => {
          samples.push({ route, startedAt, ms: Date.now() - startedAt, status: 0, code: err.name === 'TimeoutError' ? 'CLIENT_TIMEOUT' : err.message });
        }),
    );
  };
  const start = Date.now();
  const tick = 10;
  let code = 0;
  let visit = 0;
  for (let t = 0; t < seconds * 1000; t = Date.now() - start) {
    during(t);
    const codeDue = Math.floor((t / 1000) * profile.codeRps);
    const visitDue = Math.floor((t / 1000) * profile.visitRps);
    for (; code < codeDue; code++) fire('code');
    for (; visit < visitDue; visit++) fire('visit');
    await sleep(tick);
  }
  await Promise.all(pending);
  return samples;
}

const percentile = (xs: number[], p: number) => {
  if (!xs.length) return 0;
  const sorted = [...xs].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))];
};

function report(name: string, samples: Sample[], stoppedAt: number, resumedAt: number) {
  console.log(`\n== ${name}: SIGSTOP for ${((resumedAt - stoppedAt) / 1000).toFixed(1)} s under load`);
  let slowest = 0;
  for (const route of ['code', 'visit'] as const) {
    const mine = samples.filter((s) => s.route === route);
    const byCode = new Map<string, number>();
    for (const s of mine) byCode.set(s.code, (byCode.get(s.code) ?? 0) + 1);
    const during = mine.filter((s) => s.startedAt >= stoppedAt && s.startedAt < resumedAt).map((s) => s.ms);
    const failedAfter = mine.filter((s) => s.startedAt >= resumedAt && s.status >= 500);
    const lastFailure = failedAfter.length ? Math.max(...failedAfter.map((s) => s.startedAt + s.ms)) - resumedAt : 0;
    const max = Math.max(0, ...mine.map((s) => s.ms));
    slowest = Math.max(slowest, max);
    console.log(
      `${route.padEnd(6)} ${String(mine.length).padStart(5)} requests: ${[...byCode].map(([c, n]) => `${c} × ${n}`).join(', ')}\n` +
        `       during the fault: ${during.length} requests, p50 ${percentile(during, 50)} ms, p99 ${percentile(during, 99)} ms, max ${Math.max(0, ...during)} ms\n` +
        `       slowest of the run: ${max} ms; recovered ${lastFailure ? `${lastFailure} ms after resume (last 5xx)` : 'at once (no 5xx after resume)'}`,
    );
  }
  return slowest;
}

async function main() {
  const started = Date.now();
  const dir = await mkdtemp(join(tmpdir(), 'yima-faults-'));
  let bff: BffProcess | undefined;
  let failed = false;
  try {
    const [redis, maria] = await Promise.all([startRedis(), startMariadb(dir)]);
    console.log(`redis-server :${redis.port} (pid ${redis.child.pid}), mariadbd :${maria.port} (pid ${maria.child.pid})`);
    const base = testEnv('bench');
    const mysqlUrl = new URL(base.MYSQL_URL);
    mysqlUrl.host = `127.0.0.1:${maria.port}`;
    mysqlUrl.pathname = '/yima_faults';
    const env: Record<string, string> = {
      ...base,
      MYSQL_URL: mysqlUrl.toString(),
      MYSQL_ADMIN_URL: `mysql://root@127.0.0.1:${maria.port}/yima_faults`,
      REDIS_URL: `redis://127.0.0.1:${redis.port}/0`,
      MYSQL_QUERY_TIMEOUT_MS: String(MYSQL_DEADLINE_MS),
      REDIS_COMMAND_TIMEOUT_MS: String(REDIS_DEADLINE_MS),
      LOG_LEVEL: 'error',
      REQUEST_LOG_SAMPLE: '0',
      TRUST_PROXY_HOPS: '0',
      SMS_IP_LIMIT: '1000000',
      SMS_GLOBAL_PER_SECOND: '1000000',
      VISIT_MERGE_MINUTES: '0', // every visit a new row: acknowledged and stored compare 1:1
      ...(args['code-cache-seconds'] !== undefined ? { CODE_CACHE_SECONDS: args['code-cache-seconds'] } : {}),
    };
    bff = await startBffProcess(env, { discardOutput: true });
    console.log(`BFF ${bff.url} (pid ${bff.pid}); registering ${profile.residents} residents…`);
    const tokens: string[] = [];
    for (let i = 0; i < profile.residents; i++) tokens.push((await registerResident(bff.url, { phone: `135${String(i).padStart(8, '0')}` })).token);
    const op = await loginBySms(bff.url, '13600000001');
    const quiet = () => undefined;
    if ((await runAdmin(['grant', '--phone', op.phone, '--role', 'operator'], env, quiet)) !== 0) throw new Error('could not grant operator');
    const venue = await call(
      bff.url,
      'POST',
      '/api/venues',
      { type: 'station', name: '故障车站', address: '故障路 1 号', district: '110105' },
      { token: op.token },
    );
    if (venue.status !== 201) throw new Error(`venue: ${JSON.stringify(venue.body)}`);
    const db = await mysql.createConnection({ host: '127.0.0.1', port: maria.port, user: 'root', database: 'yima_faults' });
    let acknowledged = 0;
    let slowest = 0;
    for (const [name, victim] of [
      ['Redis', redis.child],
      ['MariaDB', maria.child],
    ] as const) {
      let stoppedAt = 0;
      let resumedAt = 0;
      const samples = await load(bff, tokens, venue.body.id, profile.seconds, (t) => {
        if (!stoppedAt && t >= profile.stallAt * 1000) {
          victim.kill('SIGSTOP');
          stoppedAt = Date.now();
        }
        if (stoppedAt && !resumedAt && Date.now() - stoppedAt >= profile.stallSeconds * 1000) {
          victim.kill('SIGCONT');
          resumedAt = Date.now();
        }
      });
      if (!resumedAt) {
        victim.kill('SIGCONT');
        resumedAt = Date.now();
      }
      acknowledged += samples.filter((s) => s.route === 'visit' && s.status === 201).length;
      slowest = Math.max(slowest, report(name, samples, stoppedAt, resumedAt));
    }
    // Acknowledged visits are in the Redis stream; the drainer writes them within seconds.
    // A visit answered 503 may be stored too (its XADD reached Redis, the answer came too late).
    let stored = 0;
    for (let i = 0; i < 100; i++) {
      const [[row]] = await db.query<mysql.RowDataPacket[]>('SELECT COUNT(*) AS n FROM visits WHERE venue_id = ?', [venue.body.id]);
      stored = Number(row.n);
      if (stored >= acknowledged) break;
      await sleep(200);
    }
    await db.end();
    console.log(
      `\nvisits: ${acknowledged} acknowledged (201), ${stored} stored${stored > acknowledged ? ' (the extra ones were answered 503 after Redis took them)' : ''}`,
    );
    if (stored < acknowledged) {
      console.log(`FAIL: ${acknowledged - stored} acknowledged visits are not in MariaDB`);
      failed = true;
    }
    if (slowest > HANG_MS) {
      console.log(`FAIL: a request took ${slowest} ms, more than the deadline + 1 s (${HANG_MS} ms)`);
      failed = true;
    } else console.log(`every request answered within ${slowest} ms (limit: the deadline + 1 s = ${HANG_MS} ms)`);
  } finally {
    stopping = true;
    await bff?.stop();
    for (const child of children) {
      child.kill('SIGCONT');
      child.kill('SIGTERM');
    }
    await Promise.all(children.map((c) => (c.exitCode === null && c.signalCode === null ? new Promise((r) => c.once('exit', r)) : undefined)));
    await rm(dir, { recursive: true, force: true });
  }
  console.log(`\n(profile ${args.profile}: ${((Date.now() - started) / 1000).toFixed(0)} s in all)`);
  process.exit(failed ? 1 : 0);
}

main().catch((err: Error) => {
  console.error(err);
  stopping = true;
  for (const child of children) {
    child.kill('SIGCONT');
    child.kill('SIGKILL');
  }
  process.exit(1);
});
