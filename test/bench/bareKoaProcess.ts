/** The baseline servers as processes of their own on free loopback ports: bare Koa for GETs
 * (bareKoa.ts) and bare Koa or Express for a JSON POST (bareJson.ts). */
import { spawn } from 'node:child_process';
import { freePort, REPO_ROOT } from '../support/bffProcess';

export interface BareServer {
  url: string;
  pid: number;
  stop: () => void;
}

async function startScript(script: string, env: Record<string, string>, name: string): Promise<BareServer> {
  const port = await freePort();
  const child = spawn(process.execPath, ['--import', 'tsx', script], {
    cwd: REPO_ROOT,
    env: { ...process.env, PORT: String(port), ...env },
    stdio: 'ignore',
  });
  const url = `http://127.0.0.1:${port}`;
  for (let i = 0; i < 200; i++) {
    if (
      await fetch(url).then(
        (r) => r.ok,
        () => false,
      )
    )
      return { url, pid: child.pid as number, stop: () => child.kill('SIGTERM') };
    await new Promise((r) => setTimeout(r, 100));
  }
  child.kill('SIGTERM');
  throw new Error(`${name} did not start`);
}

export const startBareKoa = (): Promise<BareServer> => startScript('test/bench/bareKoa.ts', {}, 'bare Koa');

/** A POST with a small JSON body → 201 JSON, on bare Koa or bare Express (bareJson.ts). */
export const startBareJson = (which: 'koa' | 'express'): Promise<BareServer> => startScript('test/bench/bareJson.ts', { BARE: which }, `bare ${which}`);
