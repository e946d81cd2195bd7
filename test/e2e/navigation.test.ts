/**
 * Back navigation in the H5 build (issue 13): a browser tab has no mini-program navigation bar,
 * so every page but home, login and registration carries a back link — to the page before, or
 * home when the page was opened directly.
 */
import { describe, expect, it } from 'vitest';
import { newPage, registerInBrowser, shown, useE2eEnvironment } from '../support/e2e';

const env = useE2eEnvironment();
const path = (url: string) => new URL(url).hash;

describe('back navigation in the H5 build', () => {
  it('when a resident opens pages from home, then each has a back link to where they came from; opened directly, it leads home', async () => {
    const base = env.bff().url;
    const page = await newPage(env.browser());
    await registerInBrowser(page, base, { name: '周小航' });
    await shown(page, '#tile-code').waitFor();
    expect(await page.locator('#back >> visible=true').count()).toBe(0);

    for (const tile of ['#tile-code', '#tile-checkin', '#tile-family', '#tile-scan']) {
      await shown(page, tile).click();
      await shown(page, '#back').waitFor();
      const there = path(page.url());
      expect(there).not.toContain('/pages/home/');
      await shown(page, '#back').click();
      await shown(page, '#tile-code').waitFor();
      expect(path(page.url())).not.toBe(there);
    }

    // Opened directly (a bookmark, a reload): the back link leads home.
    await page.goto(`${base}/#/pages/checkin/index`);
    await shown(page, '#back').click();
    await shown(page, '#tile-code').waitFor();
    expect(path(page.url())).toContain('/pages/home/index');
    await page.context().close();
  });
});
