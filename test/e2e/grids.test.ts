import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runAdmin } from '@yima/bff/src/cli/admin';
import { ARTIFACTS, newPage, registerInBrowser, shown, useE2eEnvironment } from '../support/e2e';
import { importCityGrids } from '../support/e2eGrids';
import { testEnv } from '../support/testApp';

const env = useE2eEnvironment();
const adminEnv = () => ({ ...testEnv('e2e') });

describe('grids in the H5 build', () => {
  it('when a resident checks in choosing their community, then its community worker finds them on the grid dashboard, opens them, and the resident sees the view in their history', async () => {
    const base = env.bff().url;
    await importCityGrids();

    // The resident: the check-in form offers the district's communities.
    const resident = await newPage(env.browser());
    await registerInBrowser(resident, base, { name: '王小明' });
    await shown(resident, '#tile-checkin').click();
    await shown(resident, '#district-110105').click();
    await shown(resident, '#community-110105001001').click();
    await shown(resident, '#address input').fill('永安里 1 号');
    await shown(resident, '#checkin-submit').click();
    await expect.poll(() => shown(resident, '#code-color').textContent(), { timeout: 10_000 }).toBe('绿码');

    // The worker of the street: the home page offers the dashboard only once the role is granted.
    const worker = await newPage(env.browser());
    const workerIdentity = await registerInBrowser(worker, base, { name: '李网格' });
    await expect.poll(() => worker.locator('#tile-scan').count()).toBe(1);
    expect(await worker.locator('#tile-grid').count()).toBe(0);
    expect(await runAdmin(['grant', '--phone', workerIdentity.phone, '--role', 'community-worker', '--scope', '110105001'], adminEnv(), () => undefined)).toBe(
      0,
    );
    await worker.reload();
    await shown(worker, '#tile-grid').click();
    await expect.poll(() => shown(worker, '#grid-name').textContent(), { timeout: 10_000 }).toBe('建外街道');
    const row = shown(worker, '.resident-item').filter({ hasText: '王*明' });
    await expect.poll(() => row.count(), { timeout: 10_000 }).toBe(1);
    expect(await row.textContent()).toContain('永安里社区');
    expect(await row.textContent()).toContain('今日已打卡');
    expect(await row.getAttribute('data-color')).toBe('green');

    // Filters: nobody here is red.
    await shown(worker, '#filter-red').click();
    await shown(worker, '#residents-empty').waitFor();
    await shown(worker, '#filter-all').click();
    await expect.poll(() => shown(worker, '.resident-item').filter({ hasText: '王*明' }).count(), { timeout: 10_000 }).toBe(1);
    await worker.waitForTimeout(300);
    await worker.screenshot({ path: join(ARTIFACTS, 'e2e-grid-dashboard.png'), fullPage: true });

    await shown(worker, '.resident-item').filter({ hasText: '王*明' }).click();
    await expect.poll(() => shown(worker, '#resident-name').textContent(), { timeout: 10_000 }).toBe('王*明');
    expect(await shown(worker, '#resident').getAttribute('data-color')).toBe('green');
    expect(await shown(worker, '#resident-checkins').textContent()).toContain('近 14 天打卡');
    await worker.waitForTimeout(300);
    await worker.screenshot({ path: join(ARTIFACTS, 'e2e-grid-resident.png'), fullPage: true });

    // The resident's colour history says who looked.
    await resident.goto(`${base}/#/pages/audit/index`);
    const viewed = shown(resident, '.audit-entry').first();
    await expect.poll(() => viewed.textContent(), { timeout: 10_000 }).toContain('建外街道的网格员查看了健康码信息');
    expect(await viewed.textContent()).toContain('查看时显示');
    expect(await viewed.textContent()).toContain('网格 110105001 的网格员');
    await resident.context().close();
    await worker.context().close();
  });
});
