import { execFileSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { REPO_ROOT } from '../support/bffProcess';

/** Total bytes under a directory: what WeChat/Alipay count against the main package. */
function sizeOf(dir: string): number {
  return readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((e) => e.isFile())
    .reduce((sum, e) => sum + statSync(join(e.parentPath, e.name)).size, 0);
}

interface AppJson {
  pages: string[];
  subPackages?: { root: string; pages: string[] }[];
}

/** Main-package pages and subpackage pages, as paths from the build's root. */
const allPages = (app: AppJson) => [...app.pages, ...(app.subPackages ?? []).flatMap((p) => p.pages.map((page) => `${p.root}/${page}`))];

const build = (type: 'weapp' | 'alipay') =>
  execFileSync('npx', ['taro', 'build', '--type', type], {
    cwd: join(REPO_ROOT, 'miniprogram'),
    stdio: 'pipe',
    env: { ...process.env, NODE_ENV: 'production' },
  });

describe('mini-program builds', () => {
  it('when built for WeChat, then every page is there and the main package is under the 2 MB limit', () => {
    build('weapp');
    const dist = join(REPO_ROOT, 'miniprogram/dist/weapp');
    const app = JSON.parse(readFileSync(join(dist, 'app.json'), 'utf8')) as AppJson;
    expect(app.pages).toEqual([
      'pages/home/index',
      'pages/login/index',
      'pages/register/index',
      'pages/code/index',
      'pages/checkin/index',
      'pages/audit/index',
      'pages/family/index',
      'pages/family/add',
      'pages/family/filers',
      'pages/paper/index',
      'pages/visit/index',
      'pages/scan/index',
      'pages/privacy/index',
      'pages/conversion/index',
      'pages/records/index',
    ]);
    // Staff-only pages (the scanner's offline verification) load as a subpackage; the grid
    // dashboard and the operators' statistics (and their charts) as another.
    expect(app.subPackages).toEqual([
      { root: 'pages/staff', pages: ['scanner/index', 'placeScreen/index'] },
      {
        root: 'pages/ops',
        pages: ['grid/index', 'grid/resident', 'stats/index', 'conversions/index', 'places/index', 'riskAreas/index', 'marks/index', 'grants/index'],
      },
    ]);
    for (const page of allPages(app)) expect(existsSync(join(dist, `${page}.wxml`)) || existsSync(join(dist, `${page}.js`))).toBe(true);
    const sub = (app.subPackages ?? []).reduce((sum, p) => sum + sizeOf(join(dist, p.root)), 0);
    const main = sizeOf(dist) - sub;
    console.info(`weapp main package: ${(main / 1024).toFixed(0)} KiB, subpackages: ${(sub / 1024).toFixed(0)} KiB`);
    expect(main).toBeLessThan(2 * 1024 * 1024);
    // What residents download stays small: no chart code in the main package (decision 0020).
    expect(main).toBeLessThan(600 * 1024);
    const mainJs = readdirSync(dist, { recursive: true, withFileTypes: true })
      .filter((e) => e.isFile() && e.name.endsWith('.js') && !join(e.parentPath, e.name).includes(join(dist, 'pages/ops')))
      .map((e) => readFileSync(join(e.parentPath, e.name), 'utf8'))
      .join('\n');
    expect(mainJs).not.toContain('data-chart');
  });

  it('when built for Alipay, then every page is there with its .axml', () => {
    build('alipay');
    const dist = join(REPO_ROOT, 'miniprogram/dist/alipay');
    const app = JSON.parse(readFileSync(join(dist, 'app.json'), 'utf8')) as AppJson;
    for (const page of allPages(app)) expect(existsSync(join(dist, `${page}.axml`))).toBe(true);
    console.info(`alipay package: ${(sizeOf(dist) / 1024).toFixed(0)} KiB`);
  });

  it('when the WeChat build is made, then it holds no H5-only login and no server secrets', () => {
    const dist = join(REPO_ROOT, 'miniprogram/dist/weapp');
    const js = readdirSync(dist, { recursive: true, withFileTypes: true })
      .filter((e) => e.isFile() && e.name.endsWith('.js'))
      .map((e) => readFileSync(join(e.parentPath, e.name), 'utf8'))
      .join('\n');
    expect(js).toContain('wechat'); // the platform file for weapp was picked
    expect(js).not.toMatch(/PII_KEY|BLIND_INDEX_KEY|WECHAT_APP_SECRET|session_key/);
  });
});
