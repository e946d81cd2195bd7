import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { signBody } from '@yima/bff/src/features/provincial';
import { ARTIFACTS, newPage, registerInBrowser, shown, useE2eEnvironment } from '../support/e2e';
import { call } from '../support/http';
import { testEnv } from '../support/testApp';

const env = useE2eEnvironment();
const feedKey = () => Buffer.from(testEnv('e2e').PROVINCIAL_FEEDS.split(':')[1], 'base64');

describe('a provincial delta on an open code page (H5)', () => {
  it('when the province turns a resident red, then the open code page turns red within a second, says why and who decided, and the history explains it', async () => {
    const page = await newPage(env.browser());
    const resident = await registerInBrowser(page, env.bff().url, { name: '王小明' });
    // A normal check-in first: green, decided by the check-in.
    await shown(page, '#tile-checkin').click();
    await shown(page, '#district-110105').click();
    await shown(page, '#address input').fill('幸福路 1 号');
    await shown(page, '#checkin-submit').click();
    await expect.poll(() => shown(page, '#code-color').textContent(), { timeout: 10_000 }).toBe('绿码');
    await expect.poll(() => shown(page, '.code-decided-by').textContent()).toContain('健康打卡');
    // Let the page settle into its wait for changes.
    await page.waitForTimeout(500);

    const line = `${JSON.stringify({ idNumber: resident.idNumber, color: 'red', reasonCode: 'PROV_CLOSE_CONTACT', reasonText: '省平台：密切接触者', setBy: '广东省健康码平台', effectiveAt: new Date().toISOString(), version: 1 })}\n`;
    const sent = Date.now();
    const posted = await call(env.bff().url, 'POST', '/api/provincial/batches', undefined, {
      rawBody: line,
      headers: { 'content-type': 'application/x-ndjson', ...signBody(feedKey(), 'province', line, new Date()) },
    });
    expect(posted).toMatchObject({ status: 202, body: { accepted: 1 } });
    // Acceptance (issue 4): visible on the open page within a second of the delta.
    await expect.poll(() => shown(page, '#code-color').textContent(), { timeout: 1000, interval: 25 }).toBe('红码');
    const elapsed = Date.now() - sent;
    console.log(`provincial delta → red on the open H5 code page: ${elapsed} ms`);

    expect(await shown(page, '.code-decided-by').textContent()).toContain('省级平台');
    expect(await shown(page, '.code-reason[data-source="provincial"]').textContent()).toContain('省平台：密切接触者');
    expect(await shown(page, '.code-source[data-source="provincial"]').getAttribute('data-stale')).toBe('false');
    expect(await shown(page, '.code-source[data-source="checkin"]').count()).toBe(1);
    await page.screenshot({ path: join(ARTIFACTS, 'e2e-provincial-red.png'), fullPage: true });

    await shown(page, '.code-why-link').click();
    await expect.poll(() => shown(page, '.audit-entry').count(), { timeout: 5000 }).toBe(2);
    const newest = shown(page, '.audit-entry').first();
    expect(await newest.getAttribute('data-from')).toBe('green');
    expect(await newest.getAttribute('data-to')).toBe('red');
    expect(await newest.textContent()).toContain('省平台：密切接触者');
    await page.waitForTimeout(400); // the page's slide-in, for the screenshot only
    await page.screenshot({ path: join(ARTIFACTS, 'e2e-audit.png'), fullPage: true });
    await page.context().close();
  });
});
