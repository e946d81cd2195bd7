/**
 * Issue 13, "what a guard saw": an ID lookup that finds nobody says so beside the lookup, in
 * view, and offers the form to record the visitor (decision 0025); the confirmation is masked;
 * the shift's record counts and lists today's visits, masked. A place without a rotating code
 * offers no screen to open.
 */
import { join } from 'node:path';
import type { Locator } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { runAdmin } from '@yima/bff/src/cli/admin';
import { ARTIFACTS, newPage, operatorWithPlace, registerInBrowser, shown, useE2eEnvironment } from '../support/e2e';
import { registerResident } from '../support/flows';
import { call } from '../support/http';
import { newIdNumber, newPhone } from '../support/ids';
import { testEnv } from '../support/testApp';

const env = useE2eEnvironment();
const adminEnv = () => ({ ...testEnv('e2e') });

/** Whether the element is within the window (the guard sees it without scrolling). */
const inView = (el: Locator) =>
  el.evaluate((node) => {
    const r = node.getBoundingClientRect();
    return r.top >= 0 && r.bottom <= window.innerHeight;
  });

describe('the guard’s scanner page in the H5 build', () => {
  it('when an ID lookup finds nobody, then the guard is told beside the form and records the visitor, confirmed masked and listed in the shift’s record; a place without a rotating code offers no screen', async () => {
    const base = env.bff().url;
    const { op, venue } = await operatorWithPlace(base);

    const guard = await newPage(env.browser());
    const guardIdentity = await registerInBrowser(guard, base, { name: '李保安' });
    expect(await runAdmin(['grant', '--phone', guardIdentity.phone, '--role', 'venue-staff', '--venue', venue.id], adminEnv(), () => undefined)).toBe(0);
    await guard.goto(`${base}/#/pages/staff/scanner/index`);
    await shown(guard, '#lookup-submit').waitFor();
    // A printed poster only: no screen code to open.
    expect(await guard.locator('#open-place-screen').count()).toBe(0);

    // A registered resident's code, scanned: the shift's record counts them.
    const resident = await registerResident(base, { name: '王小明' });
    const checkin = { temperature: 'normal', symptoms: [], visitedAreas: [], contact: 'none', address: { district: '110105', detail: '幸福路 1 号' } };
    expect((await call(base, 'POST', '/api/me/checkins', checkin, { token: resident.token })).status).toBe(201);
    const qr = (await call(base, 'GET', '/api/me/code', undefined, { token: resident.token })).body.qr;
    await shown(guard, '#scan-input textarea, #scan-input input').fill(qr);
    await shown(guard, '#scan-submit').click();
    await expect.poll(() => shown(guard, '#scan-color').textContent(), { timeout: 10_000 }).toContain('绿码');
    await expect.poll(() => shown(guard, '#shift-count').getAttribute('data-count'), { timeout: 10_000 }).toBe('1');

    // Someone without a phone and not registered.
    const idNumber = newIdNumber('19520304');
    const phone = newPhone();
    await shown(guard, '#lookup-id input').fill(idNumber);
    await shown(guard, '#lookup-name input').fill('赵铁柱');
    await shown(guard, '#lookup-submit').click();
    const notFound = shown(guard, '#lookup-not-found');
    await notFound.waitFor();
    expect(await notFound.textContent()).toContain('查无此人');
    await expect.poll(() => inView(notFound), { timeout: 5_000 }).toBe(true);
    // Not said at the top of the page, off-screen.
    expect(await guard.locator('#error').count()).toBe(0);
    await guard.waitForTimeout(300);
    await guard.screenshot({ path: join(ARTIFACTS, 'e2e-guard-not-found.png') });

    // The form follows, with what the guard typed.
    expect(await shown(guard, '#unregistered-id input').inputValue()).toBe(idNumber);
    expect(await shown(guard, '#unregistered-name input').inputValue()).toBe('赵铁柱');
    await shown(guard, '#unregistered-phone input').fill(phone);
    await shown(guard, '#unregistered-note textarea').fill('送快递，无智能手机');
    await shown(guard, '#unregistered-submit').click();
    const done = shown(guard, '#unregistered-result');
    await expect.poll(() => done.textContent(), { timeout: 10_000 }).toContain('赵*柱');
    const text = (await done.textContent()) ?? '';
    expect(text).toContain('已登记');
    expect(text).toContain(`${idNumber.slice(0, 6)}********${idNumber.slice(-4)}`);
    expect(text).toContain(`${phone.slice(0, 3)}****${phone.slice(-4)}`);
    expect(text).not.toContain(idNumber);
    await expect.poll(() => inView(done), { timeout: 5_000 }).toBe(true);
    await guard.waitForTimeout(300);
    await guard.screenshot({ path: join(ARTIFACTS, 'e2e-guard-unregistered.png'), fullPage: true });

    // The shift's record: both, newest first, masked.
    await expect.poll(() => shown(guard, '#shift-count').getAttribute('data-count'), { timeout: 10_000 }).toBe('2');
    const rows = shown(guard, '#shift .shift__row');
    expect(await rows.count()).toBe(2);
    expect(await rows.nth(0).getAttribute('data-via')).toBe('unregistered');
    expect(await rows.nth(0).textContent()).toContain('赵*柱');
    expect(await rows.nth(0).textContent()).toContain('人工登记');
    expect(await rows.nth(1).getAttribute('data-via')).toBe('scan');
    expect(await rows.nth(1).textContent()).toContain('王*明');
    expect(await rows.nth(1).textContent()).toContain('绿码');
    expect(await shown(guard, '#shift').textContent()).not.toContain(idNumber);
    await shown(guard, '#shift').scrollIntoViewIfNeeded();
    await guard.waitForTimeout(300);
    await guard.screenshot({ path: join(ARTIFACTS, 'e2e-guard-shift.png') });

    // English and elder mode: the same confirmation, worded.
    await shown(guard, '#lang-switch').click();
    await shown(guard, '#elder-toggle').click();
    await expect.poll(() => shown(guard, '#unregistered-result').textContent(), { timeout: 5_000 }).toContain('Recorded');
    await shown(guard, '#unregistered-result').scrollIntoViewIfNeeded();
    await guard.waitForTimeout(300);
    await guard.screenshot({ path: join(ARTIFACTS, 'e2e-guard-unregistered-elder-en.png'), fullPage: true });
    await shown(guard, '#shift').scrollIntoViewIfNeeded();
    await guard.waitForTimeout(300);
    await guard.screenshot({ path: join(ARTIFACTS, 'e2e-guard-shift-elder-en.png') });

    // Once the place shows a rotating code, its screen is offered.
    expect((await call(base, 'PATCH', `/api/venues/${venue.id}`, { rotating: true }, { token: op.token })).status).toBe(200);
    await guard.reload();
    await shown(guard, '#open-place-screen').waitFor({ timeout: 10_000 });
    await guard.context().close();
  });
});
