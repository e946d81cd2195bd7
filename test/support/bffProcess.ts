/**
 * Runs the BFF as its own process, the way `npm run bff` does (server.ts: config from the
 * environment, migrations, listen), serving the H5 build. Stopped with SIGTERM, so the
 * drain path runs too.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { createServer } from 'node:net';
import { fileURLToPath } from 'node:url';

export const REPO_ROOT = fileURLToPath(new URL('../../', import.meta.url));

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = createServer();
    srv.once('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const { port } = srv.address() as { port: number };
      srv.close(() => resolve(port));
    });
  });
}

export interface BffProcess {
  url: string;
  pid: number;
  output: () => string;
  stop(): Promise<number | null>;
  /** A crash: SIGKILL, no drain, no cleanup. */
  kill(): Promise<void>;
}

/** `discardOutput`: the BFF's stdout/stderr go to /dev/null (benchmarks: reading a pipe of
 * request logs would cost the load test a core). `cwd`: another checkout to run (the quick
 * benchmark compares a base commit's BFF with this one's in the same run). */
export async function startBffProcess(
  env: Record<string, string>,
  options: { discardOutput?: boolean; nodeArgs?: string[]; cwd?: string } = {},
): Promise<BffProcess> {
  const port = await freePort();
  let output = '';
  const child: ChildProcess = spawn(process.execPath, [...(options.nodeArgs ?? []), '--import', 'tsx', 'bff/src/server.ts'], {
    cwd: options.cwd ?? REPO_ROOT,
    env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '/root', ...env, PORT: String(port), HOST: '127.0.0.1' },
    stdio: options.discardOutput ? 'ignore' : ['ignore', 'pipe', 'pipe'],
  });
  child.stdout?.on('data', (d) => (output += d));
  child.stderr?.on('data', (d) => (output += d));
  const url = `http://127.0.0.1:${port}`;
  // A hang detector: tsx compiles the BFF on start, which on a loaded 2-core machine (a build
  // running beside the suite) has taken over 30 s.
  const START_TIMEOUT_S = 120;
  const deadline = Date.now() + START_TIMEOUT_S * 1000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`BFF exited with ${child.exitCode}:\n${output}`);
    // Readiness, not liveness: the BFF is of use once it reaches MariaDB and Redis. An older
    // checkout (the quick benchmark's base) has no /readyz; its /healthz checked the stores.
    const ok = await fetch(`${url}/readyz`).then(
      async (r) => r.ok || (r.status === 404 && (await fetch(`${url}/healthz`)).ok),
      () => false,
    );
    if (ok) break;
    if (Date.now() > deadline) {
      child.kill('SIGKILL');
      throw new Error(`BFF did not become healthy within ${START_TIMEOUT_S} s:\n${output}`);
    }
    await new Promise((r) => setTimeout(r, 200));
  }
  return {
    url,
    pid: child.pid as number,
    output: () => output,
    stop: () =>
      new Promise((resolve) => {
        if (child.exitCode !== null) return resolve(child.exitCode);
        child.once('exit', (code) => resolve(code));
        child.kill('SIGTERM');
      }),
    kill: () =>
      new Promise((resolve) => {
        if (child.exitCode !== null || child.signalCode !== null) return resolve();
        child.once('exit', () => resolve());
        child.kill('SIGKILL');
      }),
  };
}

/** Kills servers a test started (Redis instances it may have stopped with SIGSTOP: woken
 * first, so the kill is delivered), each waited for until it exited. */
export async function killServers(servers: Iterable<import('node:child_process').ChildProcess>): Promise<void> {
  for (const s of servers) {
    if (s.exitCode !== null) continue;
    s.kill('SIGCONT');
    await new Promise<void>((resolve) => {
      s.once('exit', () => resolve());
      s.kill('SIGKILL');
    });
  }
}
