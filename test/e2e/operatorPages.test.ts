/**
 * The operator pages in the H5 build (issue 12): an operator creates a place and sees its
 * poster with the typed place code, imports places from CSV; an authority marks a resident by
 * ID number and the resident's code turns that colour, then lifts it; an admin grants and
 * revokes a role on the grants page and declares and ends a risk area; the home page offers a
 * resident no operator page and each operator only theirs. Screenshots to test-results/.
 */
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { runAdmin } from '@yima/bff/src/cli/admin';
import { ARTIFACTS, newPage, registerInBrowser, sessionToken, shown, useE2eEnvironment } from '../support/e2e';
import { registerResident } from '../support/flows';
import { call } from '../support/http';
import { testEnv } from '../support/testApp';

const env = useE2eEnvironment();
const NORMAL = { temperature: 'normal', symptoms: [], visitedAreas: [], contact: 'none', address: { district: '110105', detail: '幸福路 1 号' } };
const OPS_TILES = ['#tile-stats', '#tile-grid', '#tile-places', '#tile-riskAreas', '#tile-marks', '#tile-grants'];

const grant = async (phone: string, role: string, scope?: string) =>
  expect(await runAdmin(['grant', '--phone', phone, '--role', role, ...(scope ? ['--scope', scope] : [])], testEnv('e2e'), () => undefined)).toBe(0);

/** The operator tiles the home page shows, once its list of pages has come. */
async function opsTiles(page: Page, base: string, expected: number): Promise<string[]> {
  await page.goto(`${base}/`);
  await shown(page, '#tile-code').waitFor();
  const present = async () => {
    const out: string[] = [];
    for (const id of OPS_TILES) if ((await page.locator(`${id} >> visible=true`).count()) > 0) out.push(id);
    return out;
  };
  await expect.poll(async () => (await present()).length, { timeout: 10_000 }).toBe(expected);
  // And nothing more arrives after a moment.
  await page.waitForTimeout(500);
  return present();
}

const screenshot = async (page: Page, name: string) => {
  // H5 pages scroll inside Taro's container: a tall window shows the whole page.
  await page.setViewportSize({ width: 390, height: 2000 });
  await page.waitForTimeout(300);
  await page.screenshot({ path: join(ARTIFACTS, name), fullPage: true });
  await page.setViewportSize({ width: 390, height: 844 });
};

describe('the operator pages in the H5 build', () => {
  it('when an operator creates a place, then its poster shows with the 10-character place code; a CSV import names its bad rows', async () => {
    const base = env.bff().url;
    const page = await newPage(env.browser());
    const me = await registerInBrowser(page, base, { name: '赵运营' });
    await grant(me.phone, 'operator');
    expect(await opsTiles(page, base, 3)).toEqual(['#tile-stats', '#tile-places', '#tile-riskAreas']);

    await shown(page, '#tile-places').click();
    await shown(page, '#place-name input').fill('幸福里小区北门');
    await shown(page, '#place-address input').fill('北京市朝阳区幸福路 8 号');
    await shown(page, '#place-district input').fill('110105');
    await shown(page, '#place-type-community').click();
    await shown(page, '#place-create').click();
    await shown(page, '#poster').waitFor({ timeout: 10_000 });
    const placeCode = await shown(page, '#poster').getAttribute('data-place-code');
    expect(placeCode).toMatch(/^[A-Za-z0-9]{10}$/);
    expect(await shown(page, '#notice').textContent()).toContain(placeCode);
    expect(await shown(page, '#poster-code').textContent()).toContain(placeCode);
    // The poster is drawn, and it prints the place code under the QR.
    const img = shown(page, '#poster-image img');
    await expect.poll(() => img.evaluate((i) => (i as HTMLImageElement).complete && (i as HTMLImageElement).naturalWidth > 0), { timeout: 10_000 }).toBe(true);
    const svg = await img.evaluate(async (i) => (await fetch((i as HTMLImageElement).src)).text());
    expect(svg).toContain('<svg');
    expect(svg).toContain(placeCode);
    // The list has it, open, with the same code.
    const item = shown(page, '.ops-item').filter({ hasText: '幸福里小区北门' });
    await expect.poll(() => item.count()).toBe(1);
    expect(await item.textContent()).toContain(placeCode);
    expect(await item.getAttribute('data-active')).toBe('true');
    await shown(page, '#poster-print').waitFor();
    await screenshot(page, 'e2e-ops-places.png');

    // Close it, then open it again: the list's own switch.
    const id = (await item.getAttribute('id'))!.replace('place-', '');
    await shown(page, `#place-toggle-${id}`).click();
    await expect.poll(() => item.getAttribute('data-active')).toBe('false');
    expect((await call(base, 'GET', `/api/places/${placeCode}`)).body.active).toBe(false);
    await shown(page, `#place-toggle-${id}`).click();
    await expect.poll(() => item.getAttribute('data-active')).toBe('true');

    // A CSV of one good row and one bad: the good one is created, the bad one named by its row.
    const [chooser] = await Promise.all([page.waitForEvent('filechooser'), shown(page, '#place-import-pick').click()]);
    await chooser.setFiles({
      name: 'places.csv',
      mimeType: 'text/csv',
      buffer: Buffer.from(
        'type,name,address,district,lat,lng,organisation\nstation,北京南站东口,北京市丰台区永外大街 12 号,110106,,,\nmall,坏行,地址地址,110105,,,\n',
      ),
    });
    await shown(page, '#import-result').waitFor({ timeout: 10_000 });
    expect(await shown(page, '#import-result').getAttribute('data-created')).toBe('1');
    expect(await shown(page, '#import-row-3').textContent()).toContain('第 3 行');
    await expect.poll(() => shown(page, '.ops-item').filter({ hasText: '北京南站东口' }).count()).toBe(1);
    await page.context().close();
  });

  it('when an authority marks a resident by ID number, then the resident’s code turns that colour; lifted, it turns back', async () => {
    const base = env.bff().url;
    // The resident, checked in healthy: green.
    const resident = await newPage(env.browser());
    const person = await registerInBrowser(resident, base, { name: '王小明' });
    expect((await call(base, 'POST', '/api/me/checkins', NORMAL, { token: await sessionToken(resident) })).status).toBe(201);
    // The code page draws the code the app last fetched at once (the home page fetched one
    // before this check-in) and then the fresh one: wait for the fresh one.
    const codeColor = async (expected: string) => {
      await resident.goto(`${base}/#/pages/code/index`);
      await expect.poll(() => shown(resident, '#code-color').textContent(), { timeout: 10_000 }).toBe(expected);
      return expected;
    };
    expect(await codeColor('绿码')).toBe('绿码');
    // A resident's home page offers no operator page.
    expect(await opsTiles(resident, base, 0)).toEqual([]);

    // The district's authority.
    const page = await newPage(env.browser());
    const me = await registerInBrowser(page, base, { name: '钱防疫' });
    await grant(me.phone, 'authority', '110105');
    expect(await opsTiles(page, base, 1)).toEqual(['#tile-marks']);
    await shown(page, '#tile-marks').click();
    await shown(page, '#mark-reason-CLOSE_CONTACT').click();
    await shown(page, '#mark-id input').fill(person.idNumber);
    await shown(page, '#mark-basis input').fill('《传染病防治法》第三十九条');
    await shown(page, '#mark-note input').fill('与确诊病例同乘 K123 次列车');
    expect(await shown(page, '#mark-color-red').getAttribute('class')).toContain('chip--on');
    await shown(page, '#mark-submit').click();
    await expect.poll(() => shown(page, '#notice').textContent(), { timeout: 10_000 }).toContain('110105');
    // The list shows the person masked, never their ID number.
    const masked = `${person.idNumber.slice(0, 6)}********${person.idNumber.slice(-4)}`;
    const item = shown(page, '.ops-item').filter({ hasText: masked });
    await expect.poll(() => item.count()).toBe(1);
    expect(await item.getAttribute('data-color')).toBe('red');
    expect(await shown(page, '#mark-list').textContent()).not.toContain(person.idNumber);
    await screenshot(page, 'e2e-ops-marks.png');

    expect(await codeColor('红码')).toBe('红码');

    // The same page in English and elder mode.
    await page.evaluate(() => {
      localStorage.setItem('yima.locale', JSON.stringify({ data: 'en' }));
      localStorage.setItem('yima.elder', JSON.stringify({ data: true }));
    });
    await page.reload();
    await shown(page, '#mark-list').waitFor();
    await expect.poll(() => shown(page, '.header__title').textContent()).toBe('Authority marks');
    expect(await shown(page, '.ops-page').getAttribute('class')).toContain('page--elder');
    await expect.poll(() => item.count()).toBe(1);
    await screenshot(page, 'e2e-ops-marks-en-elder.png');

    // Lifted with a reason: the code turns back green, the list says why.
    const markId = (await item.getAttribute('id'))!.replace('mark-', '');
    await shown(page, `#mark-lift-${markId}`).click();
    await shown(page, '#mark-lift-reason input').fill('核酸检测阴性，解除管控');
    await shown(page, '#mark-lift-confirm').click();
    await expect.poll(() => shown(page, '#notice').textContent(), { timeout: 10_000 }).toBe('Lifted');
    expect(await codeColor('绿码')).toBe('绿码');
    await shown(page, '#marks-filter-all').click();
    await expect.poll(() => item.getAttribute('data-active')).toBe('false');
    expect(await item.textContent()).toContain('核酸检测阴性，解除管控');
    await page.context().close();
    await resident.context().close();
  });

  it('when an admin grants a role on the grants page, then that account gets the pages; revoked, it loses them; a risk area declared on its page is public until ended', async () => {
    const base = env.bff().url;
    const page = await newPage(env.browser());
    const me = await registerInBrowser(page, base, { name: '孙管理' });
    await grant(me.phone, 'admin');
    expect(await opsTiles(page, base, 6)).toEqual(OPS_TILES);
    const colleague = await registerResident(base, { name: '周同事' });
    const pagesOf = async () => (await call(base, 'GET', '/api/ops/pages', undefined, { token: colleague.token })).body.pages;
    expect(await pagesOf()).toEqual([]);

    // Grant: operator, city-wide, by phone.
    await shown(page, '#tile-grants').click();
    await shown(page, '#grant-phone input').fill(colleague.phone);
    await shown(page, '#grant-role-operator').click();
    await shown(page, '#grant-submit').click();
    await expect.poll(() => shown(page, '#notice').textContent(), { timeout: 10_000 }).toBe('已授权');
    await expect.poll(pagesOf).toEqual(['stats', 'places', 'riskAreas']);
    const row = `#grant-${colleague.userId}-operator-city`;
    await shown(page, row).waitFor();
    // The list masks the phone.
    expect(await shown(page, row).textContent()).not.toContain(colleague.phone);
    await screenshot(page, 'e2e-ops-grants.png');
    // Revoke, after the page asks.
    await shown(page, `#revoke-grant-${colleague.userId}-operator-city`).click();
    await shown(page, '.taro-modal__foot >> text=收回').click();
    await expect.poll(() => shown(page, '#notice').textContent(), { timeout: 10_000 }).toBe('已收回');
    await expect.poll(pagesOf).toEqual([]);
    await expect.poll(() => page.locator(row).count()).toBe(0);

    // A risk area: declared, in the public list; ended, out of it. (A district no other test
    // names in a check-in, so the other files' colours never meet it.)
    await page.goto(`${base}/`);
    await shown(page, '#tile-riskAreas').click();
    await shown(page, '#risk-code input').fill('130102');
    await shown(page, '#risk-name input').fill('长安区');
    await shown(page, '#risk-level-high').click();
    await shown(page, '#risk-declare').click();
    await expect.poll(() => shown(page, '#notice').textContent(), { timeout: 10_000 }).toBe('已发布“长安区”');
    const inEffect = async () =>
      ((await call(base, 'GET', '/api/risk-areas')).body.areas as { code: string; level: string }[]).filter((a) => a.code === '130102').map((a) => a.level);
    expect(await inEffect()).toEqual(['high']);
    const area = shown(page, '#risk-list .ops-item').filter({ hasText: '长安区' });
    await expect.poll(() => area.count()).toBe(1);
    await screenshot(page, 'e2e-ops-risk-areas.png');
    const areaId = (await area.getAttribute('id'))!.replace('risk-', '');
    await shown(page, `#risk-end-${areaId}`).click();
    await shown(page, '.taro-modal__foot >> text=结束').click();
    await expect.poll(() => shown(page, '#notice').textContent(), { timeout: 10_000 }).toBe('已结束“长安区”');
    await expect.poll(inEffect).toEqual([]);
    await page.context().close();
  });
});
