import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { ARTIFACTS, newPage, registerInBrowser, shown, useE2eEnvironment } from '../support/e2e';
import { newIdNumber } from '../support/ids';

const env = useE2eEnvironment();

/** Top edge of the first visible element matching `selector`, in page pixels. */
const top = async (page: Page, selector: string) => (await shown(page, selector).first().boundingBox())?.y ?? Number.NaN;

describe('the home page in the H5 build', () => {
  it('when a resident opens the app, then the city and issuing authority head the page, their colour and a large "show my code" come first, and that entry opens the code', async () => {
    const page = await newPage(env.browser());
    await registerInBrowser(page, env.bff().url, { name: '赵小燕' });

    // The header names the city and who issues the codes (configuration's defaults here).
    await expect.poll(() => shown(page, '#city-name').textContent(), { timeout: 10_000 }).toBe('演示市');
    expect(await shown(page, '#city-authority').textContent()).toBe('演示市卫生健康委员会');

    // No check-in yet: grey, and the card says what to do.
    await expect.poll(() => shown(page, '#home-color').textContent(), { timeout: 10_000 }).toBe('暂无状态');
    expect(await shown(page, '#home-status-hint').textContent()).toBe('请先完成今日打卡');

    // Check in; back home, the colour is green.
    await shown(page, '#tile-checkin').click();
    await shown(page, '#district-110105').click();
    await shown(page, '#address input').fill('幸福路 1 号');
    await shown(page, '#checkin-submit').click();
    await expect.poll(() => shown(page, '#code-color').textContent(), { timeout: 10_000 }).toBe('绿码');
    await shown(page, '#back').click();
    await expect.poll(() => shown(page, '#home-color').textContent(), { timeout: 10_000 }).toBe('绿码');
    expect(await shown(page, '#home-status').getAttribute('data-color')).toBe('green');
    expect(await shown(page, '#home-status-hint').count()).toBe(0);

    // The colour and the big entry come first: under the header, above every other entry and
    // the identity card, and within the first screen.
    const colourTop = await top(page, '#home-color');
    const showTop = await top(page, '#tile-code');
    expect(colourTop).toBeGreaterThan(await top(page, '#city-authority'));
    expect(showTop).toBeGreaterThan(colourTop);
    for (const below of ['#tile-checkin', '#tile-family', '#tile-scan', '#profile']) expect(await top(page, below)).toBeGreaterThan(showTop);
    expect(await top(page, '#tile-checkin')).toBeLessThan(await top(page, '#profile'));
    const showBox = await shown(page, '#tile-code').boundingBox();
    expect(showBox!.y + showBox!.height).toBeLessThan(844);
    expect(showBox!.width).toBeGreaterThan(300); // the large entry, across the card
    expect(await shown(page, '#tile-code').textContent()).toBe('出示我的健康码');
    await page.waitForTimeout(300); // the page's slide-in, for the screenshot only
    await page.screenshot({ path: join(ARTIFACTS, 'e2e-home-zh.png'), fullPage: true });

    await shown(page, '#lang-switch').click();
    await expect.poll(() => shown(page, '#home-color').textContent()).toBe('Green');
    expect(await shown(page, '#tile-code').textContent()).toBe('Show my health code');
    await page.screenshot({ path: join(ARTIFACTS, 'e2e-home-en.png'), fullPage: true });
    await shown(page, '#lang-switch').click();
    await expect.poll(() => shown(page, '#home-color').textContent()).toBe('绿码');

    await shown(page, '#elder-toggle').click();
    await expect.poll(() => shown(page, '#elder-toggle').textContent()).toContain('✓');
    await page.waitForTimeout(300);
    await page.screenshot({ path: join(ARTIFACTS, 'e2e-home-elder.png'), fullPage: true });
    // Larger in elder mode, and still first.
    expect(await top(page, '#tile-checkin')).toBeGreaterThan(await top(page, '#tile-code'));

    await shown(page, '#tile-code').click();
    await expect.poll(() => shown(page, '#code-color').textContent(), { timeout: 10_000 }).toBe('绿码');
    await shown(page, '#qr').waitFor();
    await page.context().close();
  });

  it("when a resident checks in for a relative a second time, then the form starts from the relative's district and address as last sent", async () => {
    const page = await newPage(env.browser());
    await registerInBrowser(page, env.bff().url, { name: '钱小伟' });
    await shown(page, '#tile-family').click();
    await shown(page, '#add-dependent').click();
    await shown(page, '#dep-name input').fill('钱老太');
    await shown(page, '#dep-id input').fill(newIdNumber('19480612'));
    await shown(page, '#relation-parent').click();
    await shown(page, '#dep-consent').click();
    await shown(page, '#dep-submit').click();
    await expect.poll(() => shown(page, '.dependent-item').count(), { timeout: 10_000 }).toBe(1);

    await shown(page, '.dependent-checkin').click();
    await expect.poll(() => shown(page, '#checkin-for').textContent(), { timeout: 10_000 }).toContain('钱*太');
    // Nothing remembered yet.
    expect(await shown(page, '#address input').inputValue()).toBe('');
    expect(await page.locator('.chip--on[id^="district-"]').count()).toBe(0);
    await shown(page, '#district-110101').click();
    await shown(page, '#address input').fill('东四北大街 8 号院 3 单元');
    await shown(page, '#checkin-submit').click();
    await expect.poll(() => shown(page, '#code-color').textContent(), { timeout: 10_000 }).toBe('绿码');

    // The next check-in for her starts from where she lives.
    await page.goto(`${env.bff().url}/#/pages/family/index`);
    await shown(page, '.dependent-checkin').click();
    await expect.poll(() => shown(page, '#checkin-for').textContent(), { timeout: 10_000 }).toContain('钱*太');
    await expect.poll(() => shown(page, '#address input').inputValue()).toBe('东四北大街 8 号院 3 单元');
    expect(await shown(page, '#district-110101').getAttribute('class')).toContain('chip--on');
    await page.waitForTimeout(500); // the page's slide-in, for the screenshot only
    await page.screenshot({ path: join(ARTIFACTS, 'e2e-relative-checkin-remembered.png'), fullPage: true });
    // Submitting as it stands works: the remembered address is a valid one.
    await shown(page, '#checkin-submit').click();
    await expect.poll(() => shown(page, '#code-color').textContent(), { timeout: 10_000 }).toBe('绿码');

    // Logging out forgets it: the next account on this device starts empty.
    await page.goto(`${env.bff().url}/#/pages/home/index`);
    await shown(page, '#logout').click();
    await page.locator('#get-code').waitFor();
    expect(await page.evaluate(() => localStorage.getItem('yima.relativeAddresses'))).toBeNull();
    await page.context().close();
  });
});
