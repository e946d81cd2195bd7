import { join } from 'node:path';
import jsQR from 'jsqr';
import type { Page } from 'playwright-core';
import { PNG } from 'pngjs';
import { describe, expect, it } from 'vitest';
import { addDays, chinaDate } from '@yima/shared';
import { ARTIFACTS, newPage, registerInBrowser, sessionToken, shown, useE2eEnvironment } from '../support/e2e';
import { call } from '../support/http';
import { verifyWithTrustList } from '../support/trust';

const env = useE2eEnvironment();

/** Reads the QR from the page's pixels, as a guard's scanner would. */
async function decodeQr(page: Page): Promise<string> {
  // H5 draws the QR as an SVG image: wait until the visible one has decoded.
  await page.waitForFunction(() =>
    Array.from(document.querySelectorAll('#qr img')).some(
      (img) => (img as HTMLImageElement).complete && (img as HTMLImageElement).naturalWidth > 0 && (img as HTMLElement).offsetParent !== null,
    ),
  );
  const png = PNG.sync.read(await shown(page, '#qr').screenshot());
  const found = jsQR(new Uint8ClampedArray(png.data), png.width, png.height);
  if (!found) throw new Error('no QR code found in the screenshot');
  return found.data;
}

describe('check-in and the code page in the H5 build', () => {
  it('when a resident checks in with a cough, then the code page shows yellow with the reason, and its QR verifies with the published key', async () => {
    const page = await newPage(env.browser());
    await registerInBrowser(page, env.bff().url, { name: '李小红' });

    await shown(page, '#tile-checkin').click();
    await shown(page, '#symptom-cough').waitFor();
    await shown(page, '#symptom-cough').click();
    await shown(page, '#district-110105').click();
    await shown(page, '#address input').fill('幸福路 1 号');
    await shown(page, '#checkin-submit').click();

    await expect.poll(() => shown(page, '#code-color').textContent(), { timeout: 10_000 }).toBe('黄码');
    expect(await shown(page, '#holder-name').textContent()).toBe('李*红');
    expect(await shown(page, '#reasons').textContent()).toContain('申报有症状');
    expect(await shown(page, '#reasons').textContent()).toContain('本人健康申报');

    const qr = await decodeQr(page);
    expect(qr).toMatch(/^YM:/);
    const check = await verifyWithTrustList(env.bff().url, qr, new Date());
    expect(check).toMatchObject({ ok: true, fields: { color: 'yellow', kind: 'screen' } });
    await page.screenshot({ path: join(ARTIFACTS, 'e2e-code-yellow.png'), fullPage: true });

    // The clock ticks: a screenshot of the page is visibly stale a second later.
    const before = await shown(page, '#clock').textContent();
    await expect.poll(() => shown(page, '#clock').textContent(), { timeout: 3000 }).not.toBe(before);

    await shown(page, '#lang-switch').click();
    await expect.poll(() => shown(page, '#code-color').textContent()).toBe('Yellow');
    // The language chosen reaches the BFF, which words SMS and printed cards itself.
    const token = await sessionToken(page);
    await expect.poll(async () => (await call(env.bff().url, 'GET', '/api/me', undefined, { token })).body.locale).toBe('en');
    expect(await shown(page, '#reasons').textContent()).toContain('Symptoms declared');

    await shown(page, '#elder-toggle').click();
    await expect.poll(() => shown(page, '#holder-id').count()).toBe(0);
    expect(await decodeQr(page)).toMatch(/^YM:/); // still scannable at the larger size
    await page.screenshot({ path: join(ARTIFACTS, 'e2e-code-elder-en.png'), fullPage: true });
    await page.context().close();
  });

  it('when a resident has not checked in, then the code is grey and offers to check in now', async () => {
    const page = await newPage(env.browser());
    await registerInBrowser(page, env.bff().url);
    await shown(page, '#tile-code').click();
    await expect.poll(() => shown(page, '#code-color').textContent(), { timeout: 10_000 }).toBe('暂无状态');
    await shown(page, '#checkin-now').click();
    await shown(page, '#checkin-submit').waitFor();
    await shown(page, '#district-110101').click();
    await shown(page, '#address input').fill('东四 2 号');
    await shown(page, '#checkin-submit').click();
    await expect.poll(() => shown(page, '#code-color').textContent(), { timeout: 10_000 }).toBe('绿码');
    expect((await verifyWithTrustList(env.bff().url, await decodeQr(page), new Date())).fields?.color).toBe('green');
    await page.context().close();
  });

  it('when a resident declares contact with a confirmed case and re-submits healthy at once, then the code stays red and says when it turns green', async () => {
    const page = await newPage(env.browser());
    await registerInBrowser(page, env.bff().url);
    await shown(page, '#tile-checkin').click();
    await shown(page, '#contact-confirmed').waitFor();
    await shown(page, '#contact-confirmed').click();
    await shown(page, '#district-110105').click();
    await shown(page, '#address input').fill('幸福路 1 号');
    await shown(page, '#checkin-submit').click();
    await expect.poll(() => shown(page, '#code-color').textContent(), { timeout: 10_000 }).toBe('红码');

    // The same form again, now "healthy": it is prefilled with the day's answers.
    const today = chinaDate(new Date());
    await page.goto(`${env.bff().url}/#/pages/checkin/index`);
    // Wait for the day's answers to arrive, or they would overwrite the change made before.
    await expect.poll(() => shown(page, '#contact-confirmed').getAttribute('aria-checked'), { timeout: 10_000 }).toBe('true');
    await shown(page, '#contact-none').click();
    await shown(page, '#checkin-submit').click();
    await shown(page, '#code-card').waitFor();
    await expect.poll(() => shown(page, '#held-until').count(), { timeout: 10_000 }).toBe(1);
    expect(await shown(page, '#code-color').textContent()).toBe('红码');
    // Healthy check-ins from tomorrow, 14 days in a row (the BFF runs on this machine's clock;
    // either side of a midnight while the test ran).
    const greenOn = (await shown(page, '#held-until').getAttribute('data-green-on')) ?? '';
    expect([addDays(today, 14), addDays(chinaDate(new Date()), 14)]).toContain(greenOn);
    const [, month, day] = greenOn.split('-').map(Number);
    expect(await shown(page, '#held-until').textContent()).toBe(`连续健康打卡 14 天后（${month}月${day}日）转为绿码，已连续 0 天`);
    expect(await shown(page, '#reasons').textContent()).toContain('与确诊病例有接触');
    expect(await shown(page, '#reasons').textContent()).toContain('已连续健康打卡 0/14 天');
    // A declaration by mistake has a way out besides waiting: the page offers 申请转码.
    expect(await shown(page, '#request-conversion').count()).toBe(1);
    expect((await verifyWithTrustList(env.bff().url, await decodeQr(page), new Date())).fields?.color).toBe('red');
    await page.screenshot({ path: join(ARTIFACTS, 'e2e-code-held-red.png'), fullPage: true });

    await shown(page, '#lang-switch').click();
    await expect
      .poll(() => shown(page, '#held-until').textContent())
      .toMatch(/^Turns green after 14 consecutive days of healthy check-ins \(\d{1,2} [A-Z][a-z]{2}( \d{4})?\); 0 so far$/);
    await page.context().close();
  });

  it('when the network drops, then the page keeps the code and says it is offline', async () => {
    const page = await newPage(env.browser());
    await registerInBrowser(page, env.bff().url);
    await shown(page, '#tile-code').click();
    await shown(page, '#qr').waitFor();
    await page.context().setOffline(true);
    // The browser's own back (an H5 user's): it once left a blank page, the router's page-transition race (app config, H5).
    await page.goBack();
    await shown(page, '#tile-code').click(); // reopening refreshes at once, and fails
    await expect.poll(() => shown(page, '#notice').textContent(), { timeout: 10_000 }).toMatch(/Offline|网络已断开/);
    await expect(shown(page, '#qr').count()).resolves.toBe(1);
    await page.context().close();
  });
});
