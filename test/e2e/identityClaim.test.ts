import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { logInBySms, newPage as openPage, useE2eEnvironment } from '../support/e2e';
import { declareResident } from '../support/flows';
import { call } from '../support/http';
import { newIdNumber, newPhone } from '../support/ids';

const env = useE2eEnvironment();
const newPage = (): Promise<Page> => openPage(env.browser());

/** docs/decisions/0008: an ID number a family files for is claimed by face verification. */
describe('claiming a record in the H5 build', () => {
  it('when the person registers an ID number their family files for, then the page asks for a face check, and after it they reach home verified', async () => {
    const base = env.bff().url;
    const son = await declareResident(base, { name: '王小明' });
    const idNumber = newIdNumber('19400101', '110105');
    expect((await call(base, 'POST', '/api/dependents', { name: '李老太', idNumber, relation: 'parent', consent: true }, { token: son.token })).status).toBe(
      201,
    );

    const page = await newPage();
    await logInBySms(page, base, newPhone());
    await page.locator('#reg-name input').waitFor();
    await page.fill('#reg-name input', '李老太');
    await page.fill('#reg-id input', idNumber);
    await page.click('#reg-submit');
    await expect.poll(() => page.locator('#error').textContent()).toContain('刷脸');
    await page.click('#reg-verify');

    await expect.poll(() => page.locator('#home-name').textContent(), { timeout: 10_000 }).toBe('李*太');
    const list = await call(base, 'GET', '/api/dependents', undefined, { token: son.token });
    expect(list.body.dependents[0]).toMatchObject({ hasOwnAccount: true, verifiedOwnerSince: expect.any(String) });
    await page.context().close();
  });
});
