/**
 * The privacy notice at first login (issue 13; PIPL art. 13(4), 17, 28; decision 0024): shown
 * before anything else, saying what is collected, why, for how long and who sees it; declining
 * logs out; agreeing goes on (to registration for a new account), and the next login does not
 * ask again. Screenshots in zh, en and elder mode.
 */
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { PRIVACY_NOTICE_VERSION } from '@yima/shared';
import { ARTIFACTS, newPage, sessionToken, shown, useE2eEnvironment } from '../support/e2e';
import { latestCode } from '../support/flows';
import { call } from '../support/http';
import { newPhone } from '../support/ids';

const env = useE2eEnvironment();

async function submitLogin(page: import('playwright-core').Page, base: string, phone: string) {
  await page.goto(`${base}/`);
  await page.locator('#phone input').waitFor();
  await page.fill('#phone input', phone);
  await page.click('#get-code');
  await expect.poll(() => page.locator('#notice').textContent()).toContain('验证码已发送');
  await page.fill('#code input', await latestCode(base, phone));
  await page.click('#login-submit');
}

describe('the privacy notice in the H5 build', () => {
  it('when a new resident logs in, then the notice comes first; declining logs out, agreeing leads to registration and is not asked again', async () => {
    const base = env.bff().url;
    const page = await newPage(env.browser());
    const phone = newPhone();

    await submitLogin(page, base, phone);
    await shown(page, '#privacy-accept').waitFor();
    expect(await shown(page, '#privacy-page').getAttribute('data-version')).toBe(PRIVACY_NOTICE_VERSION);
    for (const section of ['what', 'why', 'keep', 'who', 'rights']) expect(await shown(page, `#privacy-${section}`).count()).toBe(1);
    expect(await shown(page, '#privacy-what').textContent()).toContain('身份证号');
    expect(await shown(page, '#privacy-keep').textContent()).toContain('28 天');
    await page.screenshot({ path: join(ARTIFACTS, 'e2e-privacy-zh.png'), fullPage: true });
    await shown(page, '#lang-switch').click();
    await expect.poll(() => shown(page, '#privacy-accept').textContent()).toBe('Agree and continue');
    await page.screenshot({ path: join(ARTIFACTS, 'e2e-privacy-en.png'), fullPage: true });
    await shown(page, '#lang-switch').click();

    // Declining: logged out, back at the login page; nothing was recorded.
    const token = await sessionToken(page);
    await shown(page, '#privacy-decline').click();
    await expect.poll(() => shown(page, '#notice').textContent()).toContain('不同意则无法使用健康码');
    await shown(page, '#login-submit').waitFor({ timeout: 10_000 });
    expect((await call(base, 'GET', '/api/me', undefined, { token })).status).toBe(401);

    // Another new resident agrees: on to registration; the account holds the version. (A
    // second SMS to the first phone would wait out the per-phone limit.)
    await submitLogin(page, base, newPhone());
    await shown(page, '#privacy-accept').click();
    await shown(page, '#reg-name input').waitFor();
    const me = await call(base, 'GET', '/api/me', undefined, { token: await sessionToken(page) });
    expect(me.body.privacyAccepted).toBe(PRIVACY_NOTICE_VERSION);

    // Opening the app again goes straight on (home sends an unregistered account to registration).
    await page.goto(`${base}/#/pages/home/index`);
    await shown(page, '#reg-name input').waitFor();
    expect(await page.locator('#privacy-accept >> visible=true').count()).toBe(0);
    await page.context().close();
  });

  it('when shown in elder mode, then the notice is in large type', async () => {
    const base = env.bff().url;
    const page = await newPage(env.browser());
    await page.goto(`${base}/`);
    await page.evaluate(() => localStorage.setItem('yima.elder', JSON.stringify({ data: true })));
    await submitLogin(page, base, newPhone());
    await shown(page, '#privacy-accept').waitFor();
    const size = await shown(page, '#privacy-what .privacy__body').evaluate((e) => parseFloat(getComputedStyle(e).fontSize));
    expect(size).toBeGreaterThanOrEqual(18);
    await page.screenshot({ path: join(ARTIFACTS, 'e2e-privacy-elder.png'), fullPage: true });
    await page.context().close();
  });
});
