import { join } from 'node:path';
import jsQR from 'jsqr';
import type { Page } from 'playwright-core';
import { PNG } from 'pngjs';
import { describe, expect, it } from 'vitest';
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

  it('when the network drops, then the page keeps the code and says it is offline', async () => {
    const page = await newPage(env.browser());
    await registerInBrowser(page, env.bff().url);
    await shown(page, '#tile-code').click();
    await shown(page, '#qr').waitFor();
    await page.context().setOffline(true);
    await page.goBack();
    await shown(page, '#tile-code').click(); // reopening refreshes at once, and fails
    await expect.poll(() => shown(page, '#notice').textContent(), { timeout: 10_000 }).toMatch(/Offline|网络已断开/);
    await expect(shown(page, '#qr').count()).resolves.toBe(1);
    await page.context().close();
  });
});
