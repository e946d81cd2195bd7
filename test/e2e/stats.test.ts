import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { parse as parseCsv } from 'csv-parse/sync';
import { describe, expect, it } from 'vitest';
import { addDays, chinaDate } from '@yima/shared';
import { runAdmin } from '@yima/bff/src/cli/admin';
import { importCityGrids } from '../support/e2eGrids';
import { ARTIFACTS, newPage, registerInBrowser, sessionToken, shown, useE2eEnvironment } from '../support/e2e';
import { loginBySms, registerResident } from '../support/flows';
import { call } from '../support/http';
import { testEnv } from '../support/testApp';

const env = useE2eEnvironment();
const NORMAL = { temperature: 'normal', symptoms: [], visitedAreas: [], contact: 'none', address: { district: '110105', detail: '幸福路 1 号' } };

/** Every chart image on the page shown has decoded (a broken SVG would have no width). */
async function chartsDrawn(page: Page): Promise<number> {
  await page.waitForFunction(() => {
    const imgs = Array.from(document.querySelectorAll('#stats-trend img, #stats-scans-chart img, #stats-conversions-chart img')).filter(
      (i) => (i as HTMLElement).offsetParent !== null,
    );
    return imgs.length === 3 && imgs.every((i) => (i as HTMLImageElement).complete && (i as HTMLImageElement).naturalWidth > 0);
  });
  return Number(await shown(page, '#stats-scans-chart').getAttribute('data-bars'));
}

describe('the statistics page in the H5 build', () => {
  it('when an operator opens it on a desktop browser, then the day’s figures and the three charts (trend, scans by place type, conversions by outcome) are drawn, and the CSV downloads', async () => {
    const base = env.bff().url;
    // A little activity: a resident checks in, visits a community and is scanned at a station.
    const op = await loginBySms(base);
    expect(await runAdmin(['grant', '--phone', op.phone, '--role', 'operator'], testEnv('e2e'), () => undefined)).toBe(0);
    const place = async (type: string, name: string) =>
      (await call(base, 'POST', '/api/venues', { type, name, address: '北京市朝阳区幸福路 1 号', district: '110105' }, { token: op.token })).body.id as string;
    // Other files of this project share the day's figures (one e2e database): this test looks
    // at what its own activity adds to the day it began on (one that crossed midnight in China
    // would count some of it on the next day).
    await importCityGrids();
    const today = chinaDate(new Date());
    const daily = async () => (await call(base, 'GET', `/api/stats/daily?date=${today}`, undefined, { token: op.token })).body;
    const before = await daily();
    const community = await place('community', '幸福里小区');
    const station = await place('station', '北京南站');
    const guard = await loginBySms(base);
    expect(await runAdmin(['grant', '--phone', guard.phone, '--role', 'venue-staff', '--venue', station], testEnv('e2e'), () => undefined)).toBe(0);
    const resident = await registerResident(base, { name: '王小明' });
    expect((await call(base, 'POST', '/api/me/checkins', NORMAL, { token: resident.token })).status).toBe(201);
    expect((await call(base, 'POST', `/api/venues/${community}/visits`, {}, { token: resident.token })).status).toBe(201);
    const qr = (await call(base, 'GET', '/api/me/code', undefined, { token: resident.token })).body.qr;
    expect((await call(base, 'POST', '/api/scans', { venueId: station, qr }, { token: guard.token })).status).toBe(201);
    // A box ticked by mistake, a conversion request, and the street's community worker approving it.
    const mistaken = await registerResident(base, { name: '李误填' });
    const red = { ...NORMAL, contact: 'confirmed', address: { ...NORMAL.address, community: '110105001001' } };
    expect((await call(base, 'POST', '/api/me/checkins', red, { token: mistaken.token })).status).toBe(201);
    const request = await call(base, 'POST', '/api/me/conversion-requests', { reason: '误勾选了密接' }, { token: mistaken.token });
    expect(request.status).toBe(201);
    const worker = await loginBySms(base);
    expect(await runAdmin(['grant', '--phone', worker.phone, '--role', 'community-worker', '--scope', '110105001'], testEnv('e2e'), () => undefined)).toBe(0);
    const decision = { approve: true, reason: '已电话核实，确为误填' };
    expect((await call(base, 'POST', `/api/conversion-requests/${request.body.id}/decision`, decision, { token: worker.token })).status).toBe(200);
    // Visits are written within a second, people who showed their code within five.
    const added = async () => {
      const now = await daily();
      return {
        activeUsers: now.activeUsers - before.activeUsers,
        community: now.scans.community - before.scans.community,
        station: now.scans.station - before.scans.station,
        approved: now.conversions.approved - before.conversions.approved,
      };
    };
    await expect.poll(added, { timeout: 15_000, interval: 500 }).toEqual({ activeUsers: 1, community: 1, station: 1, approved: 1 });
    const after = await daily();
    const scans = Object.values(after.scans as Record<string, number>);

    // The operator, in a desktop-sized browser window.
    const context = await env.browser().newContext({ viewport: { width: 1280, height: 900 }, locale: 'zh-CN', acceptDownloads: true });
    const page = await context.newPage();
    const me = await registerInBrowser(page, base, { name: '赵运营' });
    expect(await runAdmin(['grant', '--phone', me.phone, '--role', 'operator'], testEnv('e2e'), () => undefined)).toBe(0);
    await page.goto(`${base}/`);
    await shown(page, '#tile-stats').click();
    await shown(page, '#stats-day').waitFor();
    expect(await shown(page, '#stats-day').getAttribute('data-date')).toBe(today);
    // The page shows the day's figures as the API answers them (this test's among them).
    await expect.poll(() => shown(page, '#stats-scans').textContent()).toBe(String(scans.reduce((a, b) => a + b, 0)));
    expect(Number(await shown(page, '#stats-registrations').textContent())).toBeGreaterThanOrEqual(2);
    const bars = scans.filter((n) => n > 0).length; // community and station at least
    expect(bars).toBeGreaterThanOrEqual(2);
    expect(await chartsDrawn(page)).toBe(bars);
    expect(await shown(page, '#stats-trend').getAttribute('data-points')).toBe('14');
    // Conversion decisions: the day's figure as the API answers it, a bar per outcome decided in the range.
    const decided = Object.values(after.conversions as Record<string, number>);
    expect(Number(await shown(page, '#stats-conversions').textContent())).toBe(decided.reduce((a, b) => a + b, 0));
    expect(Number(await shown(page, '#stats-conversions-chart').getAttribute('data-bars'))).toBeGreaterThanOrEqual(1);
    // Check-in completion by grid: the resident checked in at 朝阳区 (no community named), so
    // the district has someone checked in today; opening it lists its streets.
    const chaoyang = shown(page, '#stats-completion-110105');
    await chaoyang.waitFor();
    expect(Number(await chaoyang.getAttribute('data-percent'))).toBeGreaterThan(0);
    await chaoyang.click();
    await expect.poll(() => shown(page, '#stats-completion').getAttribute('data-parent')).toBe('110105');
    await shown(page, '#stats-completion-110105001').waitFor();
    // H5 pages scroll inside Taro's container, not the document: a tall window shows it all.
    await page.setViewportSize({ width: 1280, height: 2600 });
    // Opening a grid scrolled the page to the completion card: from the top again.
    await page.evaluate(() => {
      window.scrollTo(0, 0);
      for (const e of Array.from(document.querySelectorAll('.taro_page, .taro_router, body'))) (e as HTMLElement).scrollTop = 0;
    });
    await page.waitForTimeout(300);
    await page.screenshot({ path: join(ARTIFACTS, 'e2e-stats.png'), fullPage: true });
    await shown(page, '#stats-export').screenshot({ path: join(ARTIFACTS, 'e2e-stats-export.png') });
    expect(await shown(page, '#stats-csv').textContent()).toBe('下载 CSV');
    // Readable: blue on white, not the white of a "disabled" H5 button.
    expect(await shown(page, '#stats-csv').evaluate((e) => getComputedStyle(e).color)).toBe('rgb(22, 119, 255)');

    // Another range: the last 30 days.
    await shown(page, '#stats-last-30').click();
    await expect.poll(() => shown(page, '#stats-trend').getAttribute('data-points')).toBe('30');
    // As many bars as place types with scans in those 30 days (other e2e files' scans among them).
    const month = (await call(base, 'GET', `/api/stats/range?from=${addDays(today, -29)}&to=${today}`, undefined, { token: op.token })).body;
    const typesScanned = Object.keys(after.scans).filter((t) => month.days.some((d: { scans: Record<string, number> }) => d.scans[t] > 0)).length;
    expect(await chartsDrawn(page)).toBe(typesScanned);

    // The CSV, with the session, as a file.
    const [download] = await Promise.all([page.waitForEvent('download'), shown(page, '#stats-csv').click()]);
    const file = join(ARTIFACTS, 'e2e-stats.csv');
    await download.saveAs(file);
    expect(download.suggestedFilename()).toMatch(/^yima-stats-\d{4}-\d{2}-\d{2}-\d{4}-\d{2}-\d{2}\.csv$/);
    const [header, ...rows] = parseCsv(readFileSync(file, 'utf8')) as string[][];
    expect(header.slice(0, 3)).toEqual(['date', 'registrations', 'active_users']);
    expect(rows).toHaveLength(30);
    expect(rows[29][0]).toBe(today);
    expect(rows[29][header.indexOf('scans_station')]).toBe(String(after.scans.station));
    await expect.poll(() => shown(page, '#notice').textContent()).toContain('.csv');

    // The same page on a phone-sized screen: charts drawn at the phone's width.
    const phone = await newPage(env.browser());
    await phone.goto(`${base}/`);
    const token = await sessionToken(page);
    await phone.evaluate((t) => localStorage.setItem('yima.session', JSON.stringify({ data: t })), token);
    await phone.goto(`${base}/#/pages/ops/stats/index`);
    expect(await chartsDrawn(phone)).toBe(bars);
    await phone.setViewportSize({ width: 390, height: 1700 });
    await phone.waitForTimeout(300);
    await phone.screenshot({ path: join(ARTIFACTS, 'e2e-stats-phone.png'), fullPage: true });
    await phone.context().close();

    // A resident's home page offers no statistics.
    const residentPage = await newPage(env.browser());
    await registerInBrowser(residentPage, base, { name: '钱小民' });
    await shown(residentPage, '#tile-code').waitFor();
    await residentPage.waitForTimeout(500);
    expect(await residentPage.locator('#tile-stats').count()).toBe(0);
    await residentPage.context().close();
    await context.close();
  });
});
