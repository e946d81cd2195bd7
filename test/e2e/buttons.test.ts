/**
 * H5 buttons look as enabled as they are (issue 13): Taro's H5 stylesheet faded every button
 * carrying a `disabled` attribute, and its button keeps `disabled={false}` as disabled="false"
 * — 登录 had faded text and a secondary button was white on white.
 */
import type { Locator } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { newPage, registerInBrowser, shown, useE2eEnvironment } from '../support/e2e';

const env = useE2eEnvironment();
const looks = (button: Locator) =>
  button.evaluate((e) => ({ disabled: e.getAttribute('disabled'), color: getComputedStyle(e).color, opacity: getComputedStyle(e).opacity }));

describe('buttons in the H5 build', () => {
  it('when a primary and a secondary button are enabled, then their text has its full colour; while busy, the button fades', async () => {
    const page = await newPage(env.browser());
    await page.goto(`${env.bff().url}/`);
    const submit = shown(page, '#login-submit');
    await submit.waitFor();
    expect(await looks(submit)).toEqual({ disabled: 'false', color: 'rgb(255, 255, 255)', opacity: '1' });
    // Really disabled: faded.
    await submit.evaluate((e) => e.setAttribute('disabled', ''));
    expect((await looks(submit)).opacity).toBe('0.5');
    // A secondary button (white, blue text): the home page's 退出登录.
    await registerInBrowser(page, env.bff().url, { name: '孙小按' });
    const logout = shown(page, '#logout');
    await logout.waitFor();
    expect(await looks(logout)).toMatchObject({ color: 'rgb(22, 119, 255)', opacity: '1' });
    await page.context().close();
  });
});
