/**
 * Issue 13, decision 0026 "A place's requirement", in the H5 build: an operator sets a place's
 * requirement of a negative test within 48 hours on the places page (and clears and sets it
 * again); a resident whose latest negative sample is 60 hours old is scanned by the guard, and
 * the scanner page refuses them with the reason under the colour — in Chinese, then in English
 * and elder mode. The resident's own pass at such a place says the requirement too.
 */
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { runAdmin } from '@yima/bff/src/cli/admin';
import { ARTIFACTS, newPage, operatorWithPlace, registerInBrowser, sessionToken, shown, useE2eEnvironment } from '../support/e2e';
import { registerResident } from '../support/flows';
import { recordTestResultIn } from '../support/healthRecords';
import { call } from '../support/http';
import { testEnv } from '../support/testApp';

const env = useE2eEnvironment();
const HOUR = 3_600_000;
const grant = async (phone: string, role: string, venue?: string) =>
  expect(await runAdmin(['grant', '--phone', phone, '--role', role, ...(venue ? ['--venue', venue] : [])], testEnv('e2e'), () => undefined)).toBe(0);

const screenshot = async (page: Page, name: string) => {
  await page.waitForTimeout(300);
  await page.screenshot({ path: join(ARTIFACTS, name), fullPage: true });
};

describe('a place that requires a negative test within 48 hours, in the H5 build', () => {
  it('when the operator sets it and the guard scans someone sampled 60 hours ago, then the scanner refuses them and says why', async () => {
    const base = env.bff().url;

    // The operator creates the place with the requirement, clears it, and sets it again by typing.
    const ops = await newPage(env.browser());
    const operator = await registerInBrowser(ops, base, { name: '赵运营' });
    await grant(operator.phone, 'operator');
    await ops.goto(`${base}/`);
    await shown(ops, '#tile-places').click();
    await shown(ops, '#place-name input').fill('北京南站进站口');
    await shown(ops, '#place-address input').fill('北京市丰台区永外大街车站路 12 号');
    await shown(ops, '#place-district input').fill('110106');
    await shown(ops, '#place-type-station').click();
    await shown(ops, '#place-test-chips-48').click();
    expect(await shown(ops, '#place-test-hours input').inputValue()).toBe('48');
    await shown(ops, '#place-create').click();
    await shown(ops, '#poster').waitFor({ timeout: 10_000 });
    const item = shown(ops, '.ops-item').filter({ hasText: '北京南站进站口' });
    await expect.poll(() => item.count(), { timeout: 10_000 }).toBe(1);
    const venueId = (await item.getAttribute('id'))!.replace('place-', '');
    const requirement = shown(ops, `#place-test-shown-${venueId}`);
    expect(await requirement.getAttribute('data-hours')).toBe('48');
    expect(await requirement.textContent()).toBe('核酸要求：48 小时内阴性');

    await shown(ops, `#place-test-edit-${venueId}`).click();
    await shown(ops, `#place-test-${venueId}-chips-none`).click();
    await shown(ops, `#place-test-save-${venueId}`).click();
    await expect.poll(() => requirement.textContent(), { timeout: 10_000 }).toBe('核酸要求：无');
    // Saved, not only shown (found by id: other files' places share the e2e database).
    const listed = (await call(base, 'GET', '/api/venues', undefined, { token: await sessionToken(ops) })).body.venues as {
      id: string;
      requiredTestHours: number | null;
    }[];
    expect(listed.find((v) => v.id === venueId)?.requiredTestHours).toBeNull();
    await shown(ops, `#place-test-edit-${venueId}`).click();
    // Not a number of hours: told, nothing sent.
    await shown(ops, `#place-test-${venueId}-hours input`).fill('400');
    await shown(ops, `#place-test-save-${venueId}`).click();
    await expect.poll(() => shown(ops, '#error').textContent(), { timeout: 5_000 }).toContain('1–336');
    await shown(ops, `#place-test-${venueId}-hours input`).fill('48');
    await shown(ops, `#place-test-save-${venueId}`).click();
    await expect.poll(() => requirement.getAttribute('data-hours'), { timeout: 10_000 }).toBe('48');
    await item.scrollIntoViewIfNeeded();
    await screenshot(ops, 'e2e-test-requirement-ops.png');
    await ops.context().close();

    // A green resident whose latest negative was sampled 60 hours ago.
    const resident = await registerResident(base, { name: '王小明' });
    const checkin = { temperature: 'normal', symptoms: [], visitedAreas: [], contact: 'none', address: { district: '110105', detail: '幸福路 1 号' } };
    expect((await call(base, 'POST', '/api/me/checkins', checkin, { token: resident.token })).status).toBe(201);
    await recordTestResultIn(testEnv('e2e'), { idNumber: resident.idNumber, sampledAt: new Date(Date.now() - 60 * HOUR) });
    const qr = (await call(base, 'GET', '/api/me/code', undefined, { token: resident.token })).body.qr;

    // The guard scans them.
    const guard = await newPage(env.browser());
    const guardIdentity = await registerInBrowser(guard, base, { name: '李保安' });
    await grant(guardIdentity.phone, 'venue-staff', venueId);
    await guard.goto(`${base}/#/pages/staff/scanner/index`);
    await shown(guard, '#scan-submit').waitFor();
    await shown(guard, '#scan-input textarea, #scan-input input').fill(qr);
    await shown(guard, '#scan-submit').click();
    const line = shown(guard, '#scan-test-requirement');
    await line.waitFor({ timeout: 10_000 });
    expect(await shown(guard, '#scan-color').textContent()).toContain('绿码');
    expect(await line.getAttribute('data-verdict')).toBe('TOO_OLD');
    const text = (await line.textContent()) ?? '';
    expect(text).toContain('不符合本场所要求：需 48 小时内核酸阴性，最近一次采样于');
    expect(text).toContain('已超过 48 小时');
    expect(await shown(guard, '#scan-result').getAttribute('data-allowed')).toBe('false');
    expect(await shown(guard, '#scan-allowed').textContent()).toBe('请勿放行');
    expect(await shown(guard, '#scan-reason').textContent()).toContain('核酸不符合本场所要求');
    await screenshot(guard, 'e2e-test-requirement-scan.png');

    // English and elder mode: the same refusal, worded (a verdict is worded when it comes: scan again).
    await shown(guard, '#lang-switch').click();
    await shown(guard, '#elder-toggle').click();
    await shown(guard, '#scan-input textarea, #scan-input input').fill(qr);
    await shown(guard, '#scan-submit').click();
    await expect.poll(() => shown(guard, '#scan-test-requirement').textContent(), { timeout: 5_000 }).toContain('more than 48 hours ago');
    expect(await shown(guard, '#scan-allowed').textContent()).toBe('Not allowed');
    await shown(guard, '#scan-result').scrollIntoViewIfNeeded();
    await screenshot(guard, 'e2e-test-requirement-scan-elder-en.png');
    await guard.context().close();
  });

  it('when a resident checks in there with a sample 60 hours old, then the pass says the place’s requirement and that they do not meet it', async () => {
    const base = env.bff().url;
    const { op, venue } = await operatorWithPlace(base, '朝阳医院门诊楼');
    expect((await call(base, 'PATCH', `/api/venues/${venue.id}`, { requiredTestHours: 48 }, { token: op.token })).status).toBe(200);
    const resident = await newPage(env.browser());
    const me = await registerInBrowser(resident, base, { name: '王小明' });
    const checkin = { temperature: 'normal', symptoms: [], visitedAreas: [], contact: 'none', address: { district: '110105', detail: '幸福路 1 号' } };
    expect((await call(base, 'POST', '/api/me/checkins', checkin, { token: await sessionToken(resident) })).status).toBe(201);
    await recordTestResultIn(testEnv('e2e'), { idNumber: me.idNumber, sampledAt: new Date(Date.now() - 60 * HOUR) });
    await resident.goto(`${base}/#/pages/visit/index?p=${venue.placeCode}`);
    await shown(resident, '#visit-submit').click();
    await expect.poll(() => shown(resident, '#pass-color').textContent(), { timeout: 10_000 }).toBe('绿码');
    const line = shown(resident, '#pass-test-requirement');
    expect(await line.getAttribute('data-verdict')).toBe('TOO_OLD');
    expect(await line.textContent()).toContain('本场所需 48 小时内核酸阴性：你最近一次采样于');
    await screenshot(resident, 'e2e-test-requirement-pass.png');
    await resident.context().close();
  });
});
