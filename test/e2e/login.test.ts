import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { ARTIFACTS, logInBySms as logIn, newPage as openPage, useE2eEnvironment } from '../support/e2e';
import { newIdNumber, newPhone } from '../support/ids';

const env = useE2eEnvironment();

const newPage = (): Promise<Page> => openPage(env.browser());
const logInBySms = (page: Page, phone: string) => logIn(page, env.bff().url, phone);

describe('resident login and registration in the H5 build', () => {
  it('when a new resident logs in by SMS and registers, then the home page shows their masked identity', async () => {
    const page = await newPage();
    const phone = newPhone();
    const idNumber = newIdNumber('19900101', '110105');
    await logInBySms(page, phone);

    await page.locator('#reg-name input').waitFor();
    await page.fill('#reg-name input', '张小三');
    await page.fill('#reg-id input', idNumber);
    await page.click('#reg-submit');

    await expect.poll(() => page.locator('#home-name').textContent(), { timeout: 10_000 }).toBe('张*三');
    expect(await page.locator('#home-id').textContent()).toBe(`110105********${idNumber.slice(-4)}`);
    expect(await page.locator('#home-phone').textContent()).toBe(`${phone.slice(0, 3)}****${phone.slice(-4)}`);
    // Nothing personal is kept on the device beyond the session token.
    const stored = await page.evaluate(() => JSON.stringify(window.localStorage));
    expect(stored).not.toContain(phone);
    expect(stored).not.toContain(idNumber);
    await page.screenshot({ path: join(ARTIFACTS, 'e2e-home.png'), fullPage: true });
    await page.context().close();
  });

  it('when the ID number has a typo, then the page says so before sending anything', async () => {
    const page = await newPage();
    const registrations: string[] = [];
    page.on('request', (req) => {
      if (req.url().includes('/api/me/identity')) registrations.push(req.method());
    });
    await logInBySms(page, newPhone());
    await page.locator('#reg-name input').waitFor();
    await page.fill('#reg-name input', '李四');
    const id = newIdNumber();
    await page.fill('#reg-id input', id.slice(0, 17) + (id[17] === '1' ? '2' : '1'));
    await page.click('#reg-submit');
    await expect.poll(() => page.locator('#error').textContent()).toContain('校验位');
    expect(registrations).toEqual([]);
    await page.context().close();
  });

  it('when a registered resident logs out and back in with simple login in English, then they reach home', async () => {
    const page = await newPage();
    const phone = newPhone();
    const idNumber = newIdNumber();
    await logInBySms(page, phone);
    await page.locator('#reg-name input').waitFor();
    await page.fill('#reg-name input', '王五');
    await page.fill('#reg-id input', idNumber);
    await page.click('#reg-submit');
    await page.locator('#home-name').waitFor();
    await page.click('#logout');

    await page.locator('#lang-switch').waitFor();
    await page.click('#lang-switch');
    await expect.poll(() => page.locator('#tab-simple').textContent()).toBe('Simple login');
    await page.click('#tab-simple');
    await page.fill('#phone input', phone);
    await page.fill('#id-last4 input', idNumber.slice(-4));
    await page.click('#login-submit');
    await expect.poll(() => page.locator('#home-name').textContent(), { timeout: 10_000 }).toBe('王*');
    expect(await page.locator('#home-greeting').textContent()).toBe('Hello, 王*');
    await page.context().close();
  });
});
