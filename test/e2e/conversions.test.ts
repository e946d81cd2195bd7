/**
 * Conversion requests in Chromium (issue 12, decision 0022): a resident declares by mistake →
 * red → 申请转码 → a community worker approves in the operator inbox → the resident's code page
 * is green and the history names the decision.
 */
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runAdmin } from '@yima/bff/src/cli/admin';
import { ARTIFACTS, newPage, registerInBrowser, shown, useE2eEnvironment } from '../support/e2e';
import { CITY_GRIDS } from '../support/grids';
import { testEnv } from '../support/testApp';

const env = useE2eEnvironment();
const adminEnv = () => ({ ...testEnv('e2e') });

async function importCityGrids() {
  const dir = await mkdtemp(join(tmpdir(), 'yima-grids-'));
  try {
    await writeFile(join(dir, 'grids.csv'), CITY_GRIDS);
    expect(await runAdmin(['grids', 'import', join(dir, 'grids.csv')], adminEnv(), () => undefined)).toBe(0);
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

describe('conversion requests in the H5 build', () => {
  it('when a resident declares contact by mistake and asks for a review, then their community worker approves it in the inbox and the code turns green with the decision in its history', async () => {
    const base = env.bff().url;
    await importCityGrids();

    // The resident ticks "contact with a confirmed case" by mistake: red.
    const resident = await newPage(env.browser());
    await registerInBrowser(resident, base, { name: '赵小兰' });
    await shown(resident, '#tile-checkin').click();
    await shown(resident, '#contact-confirmed').waitFor();
    await shown(resident, '#contact-confirmed').click();
    await shown(resident, '#district-110105').click();
    await shown(resident, '#community-110105001002').click();
    await shown(resident, '#address input').fill('光华里 2 号');
    await shown(resident, '#checkin-submit').click();
    await expect.poll(() => shown(resident, '#code-color').textContent(), { timeout: 10_000 }).toBe('红码');

    // 申请转码: a quick reason, sent; the page and the code page say where it is.
    await shown(resident, '#request-conversion').click();
    await shown(resident, '#conversion-quick-0').click();
    await expect.poll(() => shown(resident, '#conversion-reason textarea').inputValue()).toBe('勾错了选项');
    await resident.waitForTimeout(300);
    await resident.screenshot({ path: join(ARTIFACTS, 'e2e-conversion-form.png'), fullPage: true });
    await shown(resident, '#conversion-submit').click();
    const request = shown(resident, '.conversion-request').first();
    await expect.poll(() => request.getAttribute('data-status'), { timeout: 10_000 }).toBe('pending');
    expect(await request.textContent()).toContain('处理方：光华里社区 网格员');
    expect(await shown(resident, '#conversion-form').count()).toBe(0);
    await resident.screenshot({ path: join(ARTIFACTS, 'e2e-conversion-pending.png'), fullPage: true });
    await resident.goto(`${base}/#/pages/code/index`);
    await expect.poll(() => shown(resident, '#conversion-latest').getAttribute('data-status'), { timeout: 10_000 }).toBe('pending');
    expect(await shown(resident, '#request-conversion').count()).toBe(0);

    // The street's community worker: the inbox tile appears once the role is granted.
    const worker = await newPage(env.browser());
    const workerIdentity = await registerInBrowser(worker, base, { name: '李网格' });
    await expect.poll(() => worker.locator('#tile-scan').count()).toBe(1);
    expect(await worker.locator('#tile-conversions').count()).toBe(0);
    expect(await runAdmin(['grant', '--phone', workerIdentity.phone, '--role', 'community-worker', '--scope', '110105001'], adminEnv(), () => undefined)).toBe(
      0,
    );
    await worker.reload();
    await shown(worker, '#tile-conversions').click();
    const item = shown(worker, '.inbox-item').filter({ hasText: '赵*兰' });
    await expect.poll(() => item.count(), { timeout: 10_000 }).toBe(1);
    expect(await item.textContent()).toContain('居民理由：勾错了选项');
    expect(await item.textContent()).toContain('光华里社区');
    expect(await item.getAttribute('data-color')).toBe('red');
    const id = (await item.getAttribute('data-id')) ?? '';
    // The reason is mandatory.
    await shown(worker, `#approve-${id}`).click();
    await expect.poll(() => shown(worker, '#error').textContent()).toContain('请填写处理意见');
    await shown(worker, `#decision-reason-${id} textarea`).fill('已电话核实，确为误填');
    await worker.screenshot({ path: join(ARTIFACTS, 'e2e-conversion-inbox.png'), fullPage: true });
    await shown(worker, `#approve-${id}`).click();
    await expect.poll(() => shown(worker, '#notice').textContent(), { timeout: 10_000 }).toContain('已同意');
    await shown(worker, '#inbox-empty').waitFor();

    // The resident's code page turns green (it long-polls for changes), with the decision in the history.
    await expect.poll(() => shown(resident, '#code-color').textContent(), { timeout: 15_000 }).toBe('绿码');
    await expect.poll(() => shown(resident, '#conversion-latest').getAttribute('data-status'), { timeout: 10_000 }).toBe('approved');
    await resident.waitForTimeout(300);
    await resident.screenshot({ path: join(ARTIFACTS, 'e2e-conversion-code-green.png'), fullPage: true });
    await shown(resident, '#code-why-link').click();
    const decision = shown(resident, '.audit-entry').first();
    await expect.poll(() => decision.textContent(), { timeout: 10_000 }).toContain('社区网格员通过了转码申请');
    expect(await decision.textContent()).toContain('已电话核实，确为误填');
    expect(await decision.getAttribute('data-from')).toBe('red');
    expect(await decision.getAttribute('data-to')).toBe('green');
    // Shown only as a role: no worker id.
    expect(await decision.textContent()).not.toContain(`#`);
    await resident.screenshot({ path: join(ARTIFACTS, 'e2e-conversion-history.png'), fullPage: true });

    // The conversion page in English and elder mode.
    await resident.goto(`${base}/#/pages/conversion/index`);
    await shown(resident, '.conversion-request').first().waitFor();
    await shown(resident, '#conversion-back').waitFor();
    await resident.goto(`${base}/#/pages/home/index`);
    await shown(resident, '#lang-switch').click();
    await shown(resident, '#elder-toggle').click();
    await resident.goto(`${base}/#/pages/conversion/index`);
    await expect.poll(() => shown(resident, '.conversion-request').first().textContent(), { timeout: 10_000 }).toContain('Approved');
    await resident.waitForTimeout(300);
    await resident.screenshot({ path: join(ARTIFACTS, 'e2e-conversion-elder-en.png'), fullPage: true });
    await resident.context().close();
    await worker.context().close();
  });
});
