/**
 * What the fault scripts share (stall.ts, kills.ts): their own redis-server and mariadbd on
 * free loopback ports, the BFF as its own process against them with production deadlines,
 * residents and a place, open-loop load, and the printed figures.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { rm } from 'node:fs/promises';
import { join } from 'node:path';
import mysql from 'mysql2/promise';
import { runAdmin } from '@yima/bff/src/cli/admin';
import { freePort, type BffProcess } from '../support/bffProcess';
import { loginBySms, registerResident } from '../support/flows';
import { call } from '../support/http';
import { testEnv } from '../support/testApp';

/** The BFF's defaults (config.ts): the fault scripts run with production deadlines. */
export const MYSQL_DEADLINE_MS = 600;
export const REDIS_DEADLINE_MS = 400;
export const HANG_MS = Math.max(MYSQL_DEADLINE_MS, REDIS_DEADLINE_MS) + 1000;
/** A client gives up on a request after this: such a request counts as a hang. */
const CLIENT_TIMEOUT_MS = 15_000;

export const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Child processes we started, stopped on exit whatever happens. */
const children: ChildProcess[] = [];
let stopping = false;
export function startChild(cmd: string, argv: string[]): ChildProcess {
  const child = spawn(cmd, argv, { stdio: ['ignore', 'ignore', 'pipe'] });
  let err = '';
  child.stderr?.on('data', (d) => (err = (err + d).slice(-4000)));
  child.once('exit', (code) => {
    if (code && !stopping) console.error(`${cmd} exited with ${code}:\n${err}`);
  });
  children.push(child);
  return child;
}

/** SIGKILL, and wait until the process is gone (its port and files are free again). */
export async function killHard(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const gone = new Promise((resolve) => child.once('exit', resolve));
  child.kill('SIGKILL');
  await gone;
}

export async function waitFor(what: string, check: () => Promise<boolean>, timeoutMs = 30_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await check().catch(() => false))) {
    if (Date.now() > deadline) throw new Error(`${what} did not start within ${timeoutMs / 1000} s`);
    await sleep(100);
  }
}

/** `aofDir`: persistence as scripts/redis.conf has it (append-only file, fsync every second),
 * so that a killed Redis restarted on the same port and folder comes back with its data. */
export async function startRedis(options: { port?: number; aofDir?: string } = {}): Promise<{ port: number; child: ChildProcess }> {
  const port = options.port ?? (await freePort());
  const persistence = options.aofDir ? ['--appendonly', 'yes', '--appendfsync', 'everysec', '--dir', options.aofDir] : ['--appendonly', 'no'];
  const child = startChild('redis-server', ['--port', String(port), '--bind', '127.0.0.1', '--save', '', ...persistence]);
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

/** mariadbd on `dir`'s data folder (created by `mariadb-install-db` unless `restart`). */
export async function startMariadb(dir: string, options: { port?: number; restart?: boolean } = {}): Promise<{ port: number; child: ChildProcess }> {
  const port = options.port ?? (await freePort());
  const data = join(dir, 'data');
  if (!options.restart)
    await new Promise<void>((resolve, reject) => {
      const install = spawn(
        'mariadb-install-db',
        ['--no-defaults', `--datadir=${data}`, '--auth-root-authentication-method=normal', '--skip-test-db', '--user=root'],
        { stdio: 'ignore' },
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
  await waitFor(
    'mariadbd',
    async () => {
      const conn = await mysql.createConnection({ host: '127.0.0.1', port, user: 'root' });
      await conn.end();
      return true;
    },
    60_000,
  );
  return { port, child };
}

/** The BFF's environment against the script's own stores. */
export function faultEnv(mariaPort: number, redisPort: number, extra: Record<string, string> = {}): Record<string, string> {
  const base = testEnv('bench');
  const mysqlUrl = new URL(base.MYSQL_URL);
  mysqlUrl.host = `127.0.0.1:${mariaPort}`;
  mysqlUrl.pathname = '/yima_faults';
  return {
    ...base,
    MYSQL_URL: mysqlUrl.toString(),
    MYSQL_ADMIN_URL: `mysql://root@127.0.0.1:${mariaPort}/yima_faults`,
    REDIS_URL: `redis://127.0.0.1:${redisPort}/0`,
    MYSQL_QUERY_TIMEOUT_MS: String(MYSQL_DEADLINE_MS),
    REDIS_COMMAND_TIMEOUT_MS: String(REDIS_DEADLINE_MS),
    LOG_LEVEL: 'error',
    REQUEST_LOG_SAMPLE: '0',
    TRUST_PROXY_HOPS: '0',
    SMS_IP_LIMIT: '1000000',
    SMS_GLOBAL_PER_SECOND: '1000000',
    VISIT_MERGE_MINUTES: '0', // every visit a new row: acknowledged and stored compare 1:1
    ...extra,
  };
}

/** Residents (their session tokens) and one place whose visits the scripts count. */
export async function setupCity(bff: BffProcess, env: Record<string, string>, residents: number): Promise<{ tokens: string[]; venueId: string }> {
  console.log(`BFF ${bff.url} (pid ${bff.pid}); registering ${residents} residents…`);
  const tokens: string[] = [];
  for (let i = 0; i < residents; i++) tokens.push((await registerResident(bff.url, { phone: `135${String(i).padStart(8, '0')}` })).token);
  const op = await loginBySms(bff.url, '13600000001');
  if ((await runAdmin(['grant', '--phone', op.phone, '--role', 'operator'], env, () => undefined)) !== 0) throw new Error('could not grant operator');
  const venue = await call(
    bff.url,
    'POST',
    '/api/venues',
    { type: 'station', name: '故障车站', address: '故障路 1 号', district: '110105' },
    { token: op.token },
  );
  if (venue.status !== 201) throw new Error(`venue: ${JSON.stringify(venue.body)}`);
  return { tokens, venueId: venue.body.id as string };
}

export type Route = 'code' | 'visit' | 'checkin';
export interface Sample {
  route: Route;
  /** Which resident (index into the tokens). */
  who: number;
  startedAt: number;
  ms: number;
  status: number;
  code: string;
}
const CHECKIN = JSON.stringify({
  temperature: 'normal',
  symptoms: [],
  visitedAreas: [],
  contact: 'none',
  address: { district: '110105', detail: '故障路 2 号' },
});

/** Open-loop load: requests are started on schedule (per second, by route), whether or not
 * earlier ones answered. `during` is called about every 10 ms with the time elapsed. */
export async function load(
  bff: BffProcess,
  tokens: string[],
  venueId: string,
  seconds: number,
  rates: Partial<Record<Route, number>>,
  during: (elapsedMs: number) => void,
): Promise<Sample[]> {
  const samples: Sample[] = [];
  const pending: Promise<void>[] = [];
  const fire = (route: Route) => {
    const who = Math.floor(Math.random() * tokens.length);
    const token = tokens[who];
    const startedAt = Date.now();
    const authorization = `Bearer ${token}`;
    const signal = AbortSignal.timeout(CLIENT_TIMEOUT_MS);
    const post = (path: string, body: string) =>
      fetch(`${bff.url}${path}`, { method: 'POST', headers: { authorization, 'content-type': 'application/json' }, body, signal });
    const request =
      route === 'code'
        ? fetch(`${bff.url}/api/me/code`, { headers: { authorization }, signal })
        : route === 'visit'
          ? post(`/api/venues/${venueId}/visits`, '{}')
          : post('/api/me/checkins', CHECKIN);
    pending.push(
      request
        .then(async (res) => {
          const text = await res.text();
          let code = String(res.status);
          if (res.status >= 400) code = (JSON.parse(text) as { error?: { code?: string } }).error?.code ?? code;
          samples.push({ route, who, startedAt, ms: Date.now() - startedAt, status: res.status, code });
        })
        .catch((err: Error) => {
          samples.push({ route, who, startedAt, ms: Date.now() - startedAt, status: 0, code: err.name === 'TimeoutError' ? 'CLIENT_TIMEOUT' : err.message });
        }),
    );
  };
  const routes = Object.entries(rates) as [Route, number][];
  const fired = new Map<Route, number>();
  const start = Date.now();
  for (let t = 0; t < seconds * 1000; t = Date.now() - start) {
    during(t);
    for (const [route, rps] of routes) {
      const due = Math.floor((t / 1000) * rps);
      for (let n = fired.get(route) ?? 0; n < due; n++) fire(route);
      fired.set(route, Math.max(fired.get(route) ?? 0, due));
    }
    await sleep(10);
  }
  await Promise.all(pending);
  return samples;
}

export const percentile = (xs: number[], p: number) => {
  if (!xs.length) return 0;
  const sorted = [...xs].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))];
};

/** Prints, per route: answers by code, latency during the fault window, the slowest request and
 * the time to recovery (the last 5xx of a request started after `to`). Returns the slowest. */
export function report(title: string, samples: Sample[], from: number, to: number): number {
  console.log(`\n== ${title}`);
  let slowest = 0;
  for (const route of ['code', 'visit', 'checkin'] as const) {
    const mine = samples.filter((s) => s.route === route);
    if (!mine.length) continue;
    const byCode = new Map<string, number>();
    for (const s of mine) byCode.set(s.code, (byCode.get(s.code) ?? 0) + 1);
    const during = mine.filter((s) => s.startedAt >= from && s.startedAt < to).map((s) => s.ms);
    const failedAfter = mine.filter((s) => s.startedAt >= to && s.status >= 500);
    const lastFailure = failedAfter.length ? Math.max(...failedAfter.map((s) => s.startedAt + s.ms)) - to : 0;
    const worst = mine.reduce((a, b) => (b.ms > a.ms ? b : a));
    const max = worst.ms;
    slowest = Math.max(slowest, max);
    // When the slowest began, against the fault's start: a slow request outside the fault
    // window is another story (start-up, a loaded machine) than one inside it.
    const worstAt = `started ${worst.startedAt - from >= 0 ? '+' : ''}${((worst.startedAt - from) / 1000).toFixed(1)} s from the fault's start, ${worst.code}`;
    console.log(
      `${route.padEnd(7)} ${String(mine.length).padStart(5)} requests: ${[...byCode].map(([c, n]) => `${c} × ${n}`).join(', ')}\n` +
        `        during the fault: ${during.length} requests, p50 ${percentile(during, 50)} ms, p99 ${percentile(during, 99)} ms, max ${Math.max(0, ...during)} ms\n` +
        `        slowest of the run: ${max} ms (${worstAt}); recovered ${lastFailure ? `${lastFailure} ms after the end of the fault (last 5xx)` : 'at once (no 5xx after the fault)'}`,
    );
  }
  return slowest;
}

/** Visits stored for the place, waiting (up to `waitMs`) for the drainer to reach `expected`. */
export async function storedVisits(db: mysql.Connection, venueId: string, expected: number, waitMs = 20_000): Promise<number> {
  let stored = 0;
  const deadline = Date.now() + waitMs;
  do {
    const [[row]] = await db.query<mysql.RowDataPacket[]>('SELECT COUNT(*) AS n FROM visits WHERE venue_id = ?', [venueId]);
    stored = Number(row.n);
    if (stored >= expected) break;
    await sleep(200);
  } while (Date.now() < deadline);
  return stored;
}

/** Stops the BFF and every child, removes the temporary folder. */
export async function cleanUp(bff: BffProcess | undefined, dir: string): Promise<void> {
  stopping = true;
  await bff?.stop();
  for (const child of children) {
    child.kill('SIGCONT');
    child.kill('SIGTERM');
  }
  await Promise.all(children.map((c) => (c.exitCode === null && c.signalCode === null ? new Promise((r) => c.once('exit', r)) : undefined)));
  await rm(dir, { recursive: true, force: true });
}

/** On an unexpected error: kill everything at once. */
export function killAll(): void {
  stopping = true;
  for (const child of children) {
    child.kill('SIGCONT');
    child.kill('SIGKILL');
  }
}
