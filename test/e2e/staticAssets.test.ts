/**
 * How the BFF serves the H5 build (issue 13 "Also measured": assets were sent uncompressed and
 * /favicon.ico answered 404 on every page): the build's Brotli and gzip copies are answered to
 * browsers that accept them, with `Vary: Accept-Encoding`, the same bytes once decoded; a page
 * load in Chromium asks for nothing that is not there.
 */
import { brotliDecompressSync, gunzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { newPage, shown, useE2eEnvironment } from '../support/e2e';
import { rawRequest } from '../support/rawHttp';

const env = useE2eEnvironment();

describe('the H5 build as the BFF serves it', () => {
  it('when a browser accepts Brotli or gzip, then the bundle comes compressed and decodes to the plain file; otherwise plain', async () => {
    const base = env.bff().url;
    const index = await rawRequest(base, { method: 'GET', path: '/' });
    expect(index.status).toBe(200);
    const script = /<script[^>]+src="\/?([^"]+\.js)"/.exec(index.text)?.[1];
    expect(script).toBeTruthy();
    const plain = await rawRequest(base, { method: 'GET', path: `/${script}` });
    expect(plain.status).toBe(200);
    expect(plain.headers['content-encoding']).toBeUndefined();
    expect(plain.headers.vary).toContain('Accept-Encoding');

    const br = await rawRequest(base, { method: 'GET', path: `/${script}`, headers: { 'accept-encoding': 'gzip, deflate, br' } });
    expect(br.headers['content-encoding']).toBe('br');
    expect(br.headers.vary).toContain('Accept-Encoding');
    expect(br.bytes.length).toBeLessThan(plain.bytes.length / 2);
    expect(brotliDecompressSync(br.bytes).equals(plain.bytes)).toBe(true);

    const gz = await rawRequest(base, { method: 'GET', path: `/${script}`, headers: { 'accept-encoding': 'gzip' } });
    expect(gz.headers['content-encoding']).toBe('gzip');
    expect(gunzipSync(gz.bytes).equals(plain.bytes)).toBe(true);
    // The API is not the static server's: its answers keep their own encoding rules.
    const api = await rawRequest(base, { method: 'GET', path: '/api/risk-areas', headers: { 'accept-encoding': 'br' } });
    expect(api.status).toBe(200);
  });

  it('when the login page loads in Chromium, then no request answers 404 (the icon is in the page)', async () => {
    const page = await newPage(env.browser());
    const missing: string[] = [];
    page.on('response', (r) => {
      if (r.status() === 404) missing.push(r.url());
    });
    await page.goto(`${env.bff().url}/`);
    await shown(page, '#login-submit').waitFor();
    await page.waitForTimeout(500);
    expect(missing).toEqual([]);
    expect(await page.locator('link[rel="icon"]').count()).toBe(1);
    await page.context().close();
  });
});
