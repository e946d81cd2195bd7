import { join } from 'node:path';
import jsQR from 'jsqr';
import { PNG } from 'pngjs';
import { describe, expect, it } from 'vitest';
import { runAdmin } from '@yima/bff/src/cli/admin';
import { ARTIFACTS, newPage, registerInBrowser, shown, useE2eEnvironment } from '../support/e2e';
import { registerResident } from '../support/flows';
import { call } from '../support/http';
import { newIdNumber } from '../support/ids';
import { testEnv } from '../support/testApp';
import { verifyWithTrustList } from '../support/trust';

const env = useE2eEnvironment();

describe('filing for a parent in the H5 build', () => {
  it('when a resident adds a parent, checks in for them, opens their code and prints a paper code, then the printed QR verifies as the parent’s paper code', async () => {
    const page = await newPage(env.browser());
    await registerInBrowser(page, env.bff().url, { name: '张小三' });
    const parentId = newIdNumber('19450301');

    await shown(page, '#tile-family').click();
    await shown(page, '#add-dependent').click();
    await shown(page, '#dep-name input').fill('张老汉');
    await shown(page, '#dep-id input').fill(parentId);
    await shown(page, '#relation-parent').click();
    await shown(page, '#dep-consent').click();
    await shown(page, '#dep-submit').click();
    await expect.poll(() => shown(page, '.dependent-item').count(), { timeout: 10_000 }).toBe(1);
    expect(await shown(page, '.dependent-item').textContent()).toContain('张*汉');

    await shown(page, '.dependent-checkin').click();
    await expect.poll(() => shown(page, '#checkin-for').textContent(), { timeout: 10_000 }).toContain('张*汉');
    await shown(page, '#symptom-cough').click();
    await shown(page, '#district-110105').click();
    await shown(page, '#address input').fill('幸福路 1 号');
    await shown(page, '#checkin-submit').click();

    // The parent's code: yellow from the cough, and who filed it.
    await expect.poll(() => shown(page, '#code-color').textContent(), { timeout: 10_000 }).toBe('黄码');
    expect(await shown(page, '#holder-name').textContent()).toBe('张*汉');
    // Added as the filer's parent: the filer is named as the holder's child (decision 0017).
    expect(await shown(page, '#filed-by').textContent()).toBe('由 张*三（持码人的子女）代办');
    await page.waitForTimeout(500); // the page's slide-in, for the screenshot only
    await page.screenshot({ path: join(ARTIFACTS, 'e2e-relative-code.png'), fullPage: true });

    // Opening the page issues nothing: it offers to, since there is no paper code yet.
    await shown(page, '#paper-code-button').click();
    await shown(page, '#paper-none').waitFor();
    await shown(page, '#paper-issue').click();
    await expect.poll(() => shown(page, '#paper-name').textContent(), { timeout: 10_000 }).toContain('张*汉');
    expect(await shown(page, '#paper-valid-until').textContent()).toMatch(/\d{4}-\d{2}-\d{2}/);
    expect(await shown(page, '#paper-filed-by').textContent()).toBe('由 张*三（持码人的子女）代办');
    expect(await shown(page, '#paper-instructions').textContent()).toContain('不能');
    await page.waitForFunction(() =>
      Array.from(document.querySelectorAll('#paper-qr img')).some(
        (img) => (img as HTMLImageElement).complete && (img as HTMLImageElement).naturalWidth > 0 && (img as HTMLElement).offsetParent !== null,
      ),
    );
    await page.waitForTimeout(500);
    await page.screenshot({ path: join(ARTIFACTS, 'e2e-paper-code.png'), fullPage: true });

    // Read the printed QR from the page's pixels and verify it as a scanner would.
    const png = PNG.sync.read(await shown(page, '#paper-qr').screenshot());
    const found = jsQR(new Uint8ClampedArray(png.data), png.width, png.height);
    expect(found?.data).toMatch(/^YM:/);
    const qr = found!.data;
    expect(await verifyWithTrustList(env.bff().url, qr, new Date())).toMatchObject({ ok: true, fields: { kind: 'paper', color: 'yellow' } });
    // Opening the page again shows the same card; reissuing asks first, then replaces it.
    const printedId = await shown(page, '#paper').getAttribute('data-paper-id');
    await page.reload();
    await expect.poll(() => shown(page, '#paper').getAttribute('data-paper-id'), { timeout: 10_000 }).toBe(printedId);
    await shown(page, '#paper-reissue').click();
    expect(await shown(page, '.taro-modal__content').textContent()).toContain('作废');
    await shown(page, '.taro-modal__foot >> text=取消').click();
    expect(await shown(page, '#paper').getAttribute('data-paper-id')).toBe(printedId);

    // Online, venue staff learn the current colour and the masked name — nothing else; a
    // stranger learns nothing.
    const stranger = await registerResident(env.bff().url);
    expect(await call(env.bff().url, 'POST', '/api/paper-codes/verify', { qr }, { token: stranger.token })).toMatchObject({ status: 403 });
    const guard = await registerResident(env.bff().url);
    expect(await runAdmin(['grant', '--phone', guard.phone, '--role', 'venue-staff', '--venue', '1'], testEnv('e2e'), () => undefined)).toBe(0);
    const online = await call(env.bff().url, 'POST', '/api/paper-codes/verify', { qr }, { token: guard.token });
    expect(online.body).toEqual({ color: 'yellow', colorAtIssue: 'yellow', holder: { name: '张*汉' }, validUntil: expect.any(String), verifiedOffline: false });
    await page.context().close();
  });
});
