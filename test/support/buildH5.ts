/** Builds the H5 mini-program once per test run (the same command the README's start uses). */
import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { REPO_ROOT } from './bffProcess';

export const H5_DIST = join(REPO_ROOT, 'miniprogram/dist/h5');

export function buildH5(): string {
  execFileSync('npm', ['run', 'build:h5', '--silent'], { cwd: REPO_ROOT, stdio: 'pipe', env: { ...process.env, NODE_ENV: 'production', YIMA_API_BASE: '' } });
  if (!existsSync(join(H5_DIST, 'index.html'))) throw new Error('H5 build produced no index.html');
  return H5_DIST;
}
