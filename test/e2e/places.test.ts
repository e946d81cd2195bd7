import { join } from 'node:path';
import jsQR from 'jsqr';
import type { Page } from 'playwright-core';
import { PNG } from 'pngjs';
import { describe, expect, it } from 'vitest';
import { runAdmin } from '@yima/bff/src/cli/admin';
import { ARTIFACTS, newPage, operatorWithPlace, registerInBrowser, sessionToken, shown, useE2eEnvironment } from '../support/e2e';
import { loginBySms } from '../support/flows';
import { call } from '../support/http';
import { testEnv } from '../support/testApp';

const env = useE2eEnvironment();
const adminEnv = () => ({ ...testEnv('e2e') });

async function decodeQr(page: Page, selector: string): Promise<string> {
  await page.waitForFunction(
    (sel) =>
      Array.from(document.querySelectorAll(`${sel} img`)).some(
        (img) => (img as HTMLImageElement).complete && (img as HTMLImageElement).naturalWidth > 0 && (img as HTMLElement).offsetParent !== null,
      ),
    selector,
  );
  const png = PNG.sync.read(await shown(page, selector).screenshot());
  const found = jsQR(new Uint8ClampedArray(png.data), png.width, png.height);
  if (!found) throw new Error(`no QR code in ${selector}`);
  return found.data;
}

async function checkInGreen(page: Page) {
  await shown(page, '#tile-checkin').click();
  await shown(page, '#district-110105').click();
  await shown(page, '#address input').fill('幸福路 1 号');
  await shown(page, '#checkin-submit').click();
  await expect.poll(() => shown(page, '#code-color').textContent(), { timeout: 10_000 }).toBe('绿码');
}

describe('places, visits and the guard’s scanner in the H5 build', () => {
  it('when a place is created and its poster scanned, then the resident sees a pass; the guard’s scanner page verifies the resident’s code', async () => {
    const base = env.bff().url;
    // An operator creates the place; its poster's QR leads to the visit page.
    const { op, venue } = await operatorWithPlace(base);
    const poster = await fetch(`${base}/api/venues/${venue.id}/poster.png`, { headers: { authorization: `Bearer ${op.token}` } });
    const image = PNG.sync.read(Buffer.from(await poster.arrayBuffer()));
    const posterUrl = jsQR(new Uint8ClampedArray(image.data), image.width, image.height)?.data ?? '';
    expect(posterUrl).toContain(`/#/pages/visit/index?p=${venue.placeCode}`);

    // The resident "scans" the poster: the QR's URL opens the visit page.
    const resident = await newPage(env.browser());
    await registerInBrowser(resident, base, { name: '王小明' });
    await checkInGreen(resident);
    const residentQr = await decodeQr(resident, '#qr');
    await resident.goto(`${base}${posterUrl.slice(posterUrl.indexOf('/#/'))}`);
    await shown(resident, '#visit-submit').click();
    await expect.poll(() => shown(resident, '#pass-color').textContent(), { timeout: 10_000 }).toBe('绿码');
    expect(await shown(resident, '#pass-venue').textContent()).toContain('幸福里小区');
    expect(await shown(resident, '#pass-holder').textContent()).toContain('王*明');
    await resident.waitForTimeout(500);
    await resident.screenshot({ path: join(ARTIFACTS, 'e2e-visit-pass.png'), fullPage: true });

    // The guard: staff of the place, scanner page, manual entry of the decoded code.
    const guard = await newPage(env.browser());
    const guardIdentity = await registerInBrowser(guard, base, { name: '李保安' });
    expect(await runAdmin(['grant', '--phone', guardIdentity.phone, '--role', 'venue-staff', '--venue', venue.id], adminEnv(), () => undefined)).toBe(0);
    await guard.goto(`${base}/#/pages/staff/scanner/index`);
    await shown(guard, '#scan-input textarea, #scan-input input').fill(residentQr);
    await shown(guard, '#scan-submit').click();
    await expect.poll(() => shown(guard, '#scan-color').textContent(), { timeout: 10_000 }).toContain('绿码');
    expect(await shown(guard, '#scan-holder').textContent()).toContain('王*明');
    expect(await shown(guard, '#scan-allowed').textContent()).toMatch(/允许通行|Allowed/);
    await guard.waitForTimeout(300);
    await guard.screenshot({ path: join(ARTIFACTS, 'e2e-scanner.png'), fullPage: true });
    await resident.context().close();
    await guard.context().close();
  });

  it('when a red holder checks in at a place, then the pass says plainly not to enter and leads to why and whom to call', async () => {
    const base = env.bff().url;
    const op = await loginBySms(base);
    expect(await runAdmin(['grant', '--phone', op.phone, '--role', 'operator'], adminEnv(), () => undefined)).toBe(0);
    const venue = (
      await call(base, 'POST', '/api/venues', { type: 'public', name: '人民公园', address: '北京市朝阳区公园路 1 号', district: '110105' }, { token: op.token })
    ).body;
    const resident = await newPage(env.browser());
    await registerInBrowser(resident, base, { name: '吴小红' });
    // A declared fever with a cough and contact with a confirmed case: red.
    const red = {
      temperature: 38.5,
      symptoms: ['fever', 'cough'],
      visitedAreas: [],
      contact: 'confirmed',
      address: { district: '110105', detail: '幸福路 1 号' },
    };
    expect((await call(base, 'POST', '/api/me/checkins', red, { token: await sessionToken(resident) })).status).toBe(201);
    await resident.goto(`${base}/#/pages/visit/index?p=${venue.placeCode}`);
    await shown(resident, '#visit-submit').click();
    await expect.poll(() => shown(resident, '#pass-color').textContent(), { timeout: 10_000 }).toBe('红码');
    expect(await shown(resident, '#pass-title').textContent()).toBe('请勿进入');
    expect(await shown(resident, '#pass-stop').textContent()).toContain('请不要进入本场所');
    await resident.screenshot({ path: join(ARTIFACTS, 'e2e-visit-pass-red.png'), fullPage: true });
    await shown(resident, '#pass-why').click();
    await expect.poll(() => shown(resident, '#code-color').textContent(), { timeout: 10_000 }).toBe('红码');
    await resident.context().close();
  });
});
