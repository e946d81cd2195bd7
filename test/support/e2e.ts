/** Browser steps shared by the end-to-end tests: a resident's way through the H5 app. */
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, expect } from 'vitest';
import { startBffProcess, type BffProcess } from './bffProcess';
import { launchChromium } from './browser';
import { H5_DIST } from './buildH5';
import { testEnv } from './testApp';
import { REPO_ROOT } from './bffProcess';
import { runAdmin } from '@yima/bff/src/cli/admin';
import { latestCode, loginBySms } from './flows';
import { call } from './http';
import { newIdNumber, newPhone } from './ids';

export const ARTIFACTS = join(REPO_ROOT, 'test-results');
mkdirSync(ARTIFACTS, { recursive: true });

/** The element on the page being shown: Taro's H5 router keeps earlier pages of the stack in
 * the DOM (hidden), so an id can appear once per open page. */
export const shown = (page: Page, selector: string) => page.locator(`${selector} >> visible=true`);

export async function newPage(browser: Browser): Promise<Page> {
  const context = await browser.newContext({ viewport: { width: 390, height: 844 }, deviceScaleFactor: 2, locale: 'zh-CN' });
  return context.newPage();
}

export async function logInBySms(page: Page, base: string, phone: string) {
  await page.goto(`${base}/`);
  await page.locator('#phone input').waitFor();
  await page.fill('#phone input', phone);
  await page.click('#get-code');
  await expect.poll(() => page.locator('#notice').textContent()).toContain('验证码已发送');
  await page.fill('#code input', await latestCode(base, phone));
  await page.click('#login-submit');
  await acceptPrivacyIfAsked(page);
}

/** After a login: the privacy notice comes first for an account that has not accepted the one
 * in force (decision 0024); agree to it, or note that the app went on without it. */
export async function acceptPrivacyIfAsked(page: Page): Promise<void> {
  const accept = page.locator('#privacy-accept >> visible=true');
  const elsewhere = () => !/\/pages\/(login|privacy)\//.test(new URL(page.url()).hash) && new URL(page.url()).hash.includes('/pages/');
  await expect.poll(async () => (await accept.count()) > 0 || elsewhere(), { timeout: 15_000 }).toBe(true);
  if ((await accept.count()) > 0) {
    await accept.click();
    await expect.poll(elsewhere, { timeout: 15_000 }).toBe(true);
  }
}

/** Logs a new resident in by SMS and registers them, then (unless `verify: false`) verifies
 * their identity on the registration page through the dev face-check provider, so the whole
 * record is theirs to see (docs/decisions/0008); ends on the home page. */
export async function registerInBrowser(page: Page, base: string, who: { name?: string; idNumber?: string; phone?: string; verify?: boolean } = {}) {
  const phone = who.phone ?? newPhone();
  const idNumber = who.idNumber ?? newIdNumber();
  const name = who.name ?? '张小三';
  await logInBySms(page, base, phone);
  await page.locator('#reg-name input').waitFor();
  await page.fill('#reg-name input', name);
  await page.fill('#reg-id input', idNumber);
  await page.click('#reg-submit');
  await page.locator('#home-name').waitFor();
  if (who.verify !== false) {
    await page.goto(`${base}/#/pages/register/index?verify=1`);
    await shown(page, '#reg-verify').waitFor();
    await shown(page, '#reg-name input').fill(name);
    await shown(page, '#reg-id input').fill(idNumber);
    await shown(page, '#reg-verify').click();
    await shown(page, '#home-name').waitFor();
  }
  return { phone, idNumber, name };
}

/** The session token the H5 app keeps (Taro's storage keeps `{"data": value}` in localStorage). */
export async function sessionToken(page: Page): Promise<string> {
  const raw = await page.evaluate(() => localStorage.getItem('yima.session'));
  if (!raw) throw new Error('the page holds no session');
  const parsed: unknown = JSON.parse(raw);
  return typeof parsed === 'object' && parsed !== null && 'data' in parsed ? String((parsed as { data: unknown }).data) : String(parsed);
}

/** For an e2e file: the BFF as its own process serving the H5 build, and Chromium, for
 * all its tests. The BFF must stop cleanly on SIGTERM (exit code 0). */
export function useE2eEnvironment(): { bff: () => BffProcess; browser: () => Browser } {
  let bff: BffProcess | undefined;
  let browser: Browser | undefined;
  beforeAll(async () => {
    // Every browser request comes from 127.0.0.1: lift the per-address SMS limit for the suite.
    bff = await startBffProcess({ ...testEnv('e2e'), STATIC_DIR: H5_DIST, LOG_LEVEL: 'warn', SMS_IP_LIMIT: '1000' });
    browser = await launchChromium();
  });
  afterAll(async () => {
    await browser?.close();
    if (bff) expect(await bff.stop()).toBe(0);
  });
  return { bff: () => bff as BffProcess, browser: () => browser as Browser };
}

/** An operator (granted with the real admin command) and a community place of 朝阳区 they
 * registered through the API: the start of every guard and visit scenario. */
export async function operatorWithPlace(base: string, name = '幸福里小区') {
  const op = await loginBySms(base);
  expect(await runAdmin(['grant', '--phone', op.phone, '--role', 'operator'], testEnv('e2e'), () => undefined)).toBe(0);
  const made = await call(
    base,
    'POST',
    '/api/venues',
    { type: 'community', name, address: '北京市朝阳区幸福路 1 号', district: '110105' },
    { token: op.token },
  );
  expect(made.status).toBe(201);
  return { op, venue: made.body as { id: string; placeCode: string } };
}
