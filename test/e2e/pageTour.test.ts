/**
 * Every page of the H5 build, photographed in Chinese, English and elder mode (issue 13:
 * "screenshots of each page in zh, en and elder mode"): test-results/pages/<page>-<mode>.png.
 * One resident who holds every role (operator, admin, the place's staff, the grid's community
 * worker, the district's authority) walks the pages, so the staff and operator pages show what
 * their people see. Each page must draw its header and finish loading without an error shown;
 * that is what this test asserts — the pictures are for people.
 */
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { runAdmin } from '@yima/bff/src/cli/admin';
import { importCityGrids } from '../support/e2eGrids';
import { ARTIFACTS, newPage, operatorWithPlace, registerInBrowser, shown, useE2eEnvironment } from '../support/e2e';
import { call } from '../support/http';
import { testEnv } from '../support/testApp';

const env = useE2eEnvironment();
const SHOTS = join(ARTIFACTS, 'pages');
const MODES = ['zh', 'en', 'elder'] as const;

/** Waits until the page shown has its header and no "loading" line, then photographs it. */
async function photograph(page: Page, base: string, path: string, file: string): Promise<void> {
  await page.goto(`${base}/#${path}`);
  await shown(page, '.header__title').first().waitFor();
  await expect.poll(() => shown(page, 'text=/^(加载中…|Loading…)$/').count(), { timeout: 10_000 }).toBe(0);
  // A page that could not load its data shows the error beside its header: none may.
  expect(await shown(page, '.message--error').count(), `${path} shows an error`).toBe(0);
  // The page scrolls inside its own container, so a "full page" shot is one screen: the
  // viewport is made as tall as the page for the picture, then put back.
  const height = await page.evaluate(() => Math.max(...Array.from(document.querySelectorAll('.taro_page'), (e) => (e as HTMLElement).scrollHeight)));
  await page.setViewportSize({ width: 390, height: Math.min(Math.max(844, height), 6000) });
  await page.screenshot({ path: join(SHOTS, file) });
  await page.setViewportSize({ width: 390, height: 844 });
}

describe('every page, in zh, en and elder mode', () => {
  it('when a resident holding every role opens each page, then each draws without an error, and is photographed', async () => {
    mkdirSync(SHOTS, { recursive: true });
    const base = env.bff().url;
    const admin = (args: string[]) => runAdmin(args, testEnv('e2e'), () => undefined);
    await importCityGrids();
    const { venue, op } = await operatorWithPlace(base, '页面巡检小区');
    expect((await call(base, 'PATCH', `/api/venues/${venue.id}`, { rotating: true }, { token: op.token })).status).toBe(200);

    const page = await newPage(env.browser());
    const me = await registerInBrowser(page, base, { name: '巡检员' });
    for (const grant of [
      ['--role', 'operator'],
      ['--role', 'admin'],
      ['--role', 'venue-staff', '--venue', venue.id],
      ['--role', 'community-worker', '--scope', '110105001001'],
      ['--role', 'authority', '--scope', '110105'],
    ]) {
      expect(await admin(['grant', '--phone', me.phone, ...grant])).toBe(0);
    }
    // A check-in, so the code, history and records pages have something to show.
    await page.goto(`${base}/#/pages/checkin/index`);
    await shown(page, '#district-110105').click();
    await shown(page, '#address input').fill('幸福路 1 号');
    await shown(page, '#checkin-submit').click();
    await expect.poll(() => shown(page, '#code-color').textContent(), { timeout: 10_000 }).toBe('绿码');

    const pages = [
      '/pages/home/index',
      '/pages/code/index',
      '/pages/checkin/index',
      '/pages/audit/index',
      '/pages/records/index',
      '/pages/conversion/index',
      '/pages/family/index',
      '/pages/family/add',
      '/pages/family/filers',
      '/pages/paper/index',
      '/pages/scan/index',
      `/pages/visit/index?p=${venue.placeCode}`,
      '/pages/privacy/index',
      '/pages/staff/scanner/index',
      `/pages/staff/placeScreen/index?venueId=${venue.id}`,
      '/pages/ops/places/index',
      '/pages/ops/riskAreas/index',
      '/pages/ops/marks/index',
      '/pages/ops/grants/index',
      '/pages/ops/conversions/index',
      '/pages/ops/grid/index',
      '/pages/ops/stats/index',
    ];
    for (const mode of MODES) {
      // The language and elder mode are the app's own switches, kept on the device.
      await page.goto(`${base}/#/pages/home/index`);
      await shown(page, '#lang-switch').waitFor();
      const english = (await shown(page, '#lang-switch').textContent())?.includes('中文') ?? false;
      if ((mode === 'en') !== english) await shown(page, '#lang-switch').click();
      const elder = (await shown(page, '#elder-toggle').textContent())?.includes('✓') ?? false;
      if ((mode === 'elder') !== elder) await shown(page, '#elder-toggle').click();
      for (const path of pages) {
        const name = path
          .replace(/^\/pages\//, '')
          .replace(/\?.*$/, '')
          .replace(/\/index$/, '')
          .replace(/\//g, '-');
        await photograph(page, base, path, `${name}-${mode}.png`);
      }
    }
    await page.context().close();
  });
});
