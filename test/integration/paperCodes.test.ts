import jsQR from 'jsqr';
import { PNG } from 'pngjs';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { tokenId } from '@yima/shared';
import { feedLine, ndjson, postBatch } from '../support/feed';
import { registerResident } from '../support/flows';
import { grantRole } from '../support/roles';
import { call } from '../support/http';
import { newIdNumber } from '../support/ids';
import { startTestApp, type TestApp } from '../support/testApp';
import { verifyWithTrustList } from '../support/trust';

let app: TestApp;
beforeAll(async () => {
  app = await startTestApp({ env: { SESSION_TTL_SECONDS: String(30 * 86400), PAPER_CODE_DAYS: '7' } });
});
afterAll(() => app.close());
beforeEach(() => app.reset());

const DAY = 86400_000;
const NORMAL = { temperature: 'normal', symptoms: [], visitedAreas: [], contact: 'none', address: { district: '110105', detail: '幸福路 1 号' } };
const COUGH = { ...NORMAL, symptoms: ['cough'] };

async function filerWithParent() {
  const filer = await registerResident(app.url, { name: '张小三' });
  const res = await call(
    app.url,
    'POST',
    '/api/dependents',
    { name: '张老汉', idNumber: newIdNumber('19450301'), relation: 'parent', consent: true },
    { token: filer.token },
  );
  const parentId = res.body.id as string;
  await call(app.url, 'POST', `/api/dependents/${parentId}/checkins`, NORMAL, { token: filer.token });
  return { filer, parentId };
}
/** Issues a paper code; `replace` voids a valid one (without it, 409 PAPER_CODE_EXISTS). */
const issue = (token: string, parentId: string, replace?: boolean) =>
  call(app.url, 'POST', `/api/dependents/${parentId}/paper-codes`, replace ? { replace } : undefined, { token });
const verify = (token: string, qr: string) => call(app.url, 'POST', '/api/paper-codes/verify', { qr }, { token });

/** A scanner without a network: the published keys and revocation list, fetched earlier. */
async function verifyOffline(qr: string) {
  const check = await verifyWithTrustList(app.url, qr, app.clock.now());
  const revoked = (await call(app.url, 'GET', '/api/revocations')).body.entries.map((e: { id: string }) => e.id);
  return { ...check, revoked: revoked.includes(tokenId(qr)) };
}

describe('issuing a paper code', () => {
  it('when a filer prints a paper code for their parent, then it is a signed paper token valid 7 days, with the colour, masked name and filed-by', async () => {
    const { filer, parentId } = await filerWithParent();
    const res = await issue(filer.token, parentId);
    expect(res).toMatchObject({
      status: 201,
      body: {
        id: expect.any(String),
        color: 'green',
        holder: { name: '张*汉' },
        filedBy: { name: '张*三', relation: 'parent', relationText: null },
        issuedAt: app.clock.now().toISOString(),
      },
    });
    expect(Date.parse(res.body.validUntil) - app.clock.now().getTime()).toBe(7 * DAY);
    expect(await verifyOffline(res.body.qr)).toMatchObject({ ok: true, fields: { kind: 'paper', color: 'green' }, revoked: false });
    for (const secret of ['张老汉', '张小三']) expect(res.body.qr).not.toContain(secret);
  });

  it('when a resident prints their own paper code, then there is no filed-by line', async () => {
    const r = await registerResident(app.url, { name: '王小明' });
    const res = await call(app.url, 'POST', '/api/me/paper-codes', undefined, { token: r.token });
    expect(res).toMatchObject({ status: 201, body: { color: 'grey', holder: { name: '王*明' }, filedBy: null } });
  });

  it('when print is pressed twice within a second, then it is the same code, not one revoking the other', async () => {
    const { filer, parentId } = await filerWithParent();
    const a = (await issue(filer.token, parentId)).body;
    const b = await issue(filer.token, parentId);
    expect(b).toMatchObject({ status: 201, body: { id: a.id, qr: a.qr } });
    expect(await issue(filer.token, parentId, true)).toMatchObject({ status: 201, body: { id: a.id, qr: a.qr } });
    expect((await verify(filer.token, a.qr)).status).toBe(200);
  });

  it('when a valid code exists, then a later request without replace is refused with 409 and the printed code stays valid', async () => {
    const { filer, parentId } = await filerWithParent();
    const a = (await issue(filer.token, parentId)).body;
    app.clock.advance(60_000);
    expect(await issue(filer.token, parentId)).toMatchObject({
      status: 409,
      body: { error: { code: 'PAPER_CODE_EXISTS', message: expect.stringContaining('stops working') } },
    });
    expect(await call(app.url, 'GET', `/api/dependents/${parentId}/paper-codes/current`, undefined, { token: filer.token })).toMatchObject({
      status: 200,
      body: { paperCode: { id: a.id, qr: a.qr } },
    });
    expect((await verify(filer.token, a.qr)).status).toBe(200);
    expect(await issue(filer.token, parentId, 'yes' as never)).toMatchObject({ status: 400, body: { error: { code: 'INVALID_REQUEST' } } });
  });

  it('offers no way to log in with it', async () => {
    const { filer, parentId } = await filerWithParent();
    const { qr } = (await issue(filer.token, parentId)).body;
    expect(await call(app.url, 'GET', '/api/me/code', undefined, { token: qr })).toMatchObject({ status: 401 });
    expect(await call(app.url, 'GET', '/api/me', undefined, { token: qr })).toMatchObject({ status: 401 });
  });
});

describe('verifying a paper code', () => {
  it('when staff verify it online, then they learn the current colour and the masked name, and nothing else', async () => {
    const { filer, parentId } = await filerWithParent();
    const { qr, validUntil } = (await issue(filer.token, parentId)).body;
    const guard = await registerResident(app.url);
    await grantRole(app, guard.phone, 'venue-staff', '1');
    const res = await verify(guard.token, qr);
    expect(res).toMatchObject({ status: 200 });
    expect(res.body).toEqual({ color: 'green', colorAtIssue: 'green', holder: { name: '张*汉' }, validUntil, verifiedOffline: false });
  });

  it('when the colour gets better after printing, then the code stays valid and online verification answers the current colour', async () => {
    const { filer, parentId } = await filerWithParent();
    await call(app.url, 'POST', `/api/dependents/${parentId}/checkins`, COUGH, { token: filer.token });
    // A declared yellow turns green after 7 consecutive healthy days (decision 0021): print on
    // the 6th, while it is still yellow.
    for (let day = 1; day <= 6; day++) {
      app.clock.advance(DAY);
      await call(app.url, 'POST', `/api/dependents/${parentId}/checkins`, NORMAL, { token: filer.token });
    }
    const { qr } = (await issue(filer.token, parentId)).body;
    app.clock.advance(DAY);
    await call(app.url, 'POST', `/api/dependents/${parentId}/checkins`, NORMAL, { token: filer.token });
    expect((await verify(filer.token, qr)).body).toMatchObject({ color: 'green', colorAtIssue: 'yellow' });
    expect((await verifyOffline(qr)).revoked).toBe(false);
  });

  it.each([
    ['a screen code', 'INVALID_CODE'],
    ['an expired paper code', 'CODE_EXPIRED'],
    ['a forged one', 'BAD_SIGNATURE'],
    ['text', 'INVALID_CODE'],
  ])('when %s is presented, then 400 %s', async (which, code) => {
    const { filer, parentId } = await filerWithParent();
    let qr = (await issue(filer.token, parentId)).body.qr as string;
    if (which === 'a screen code') qr = (await call(app.url, 'GET', `/api/dependents/${parentId}/code`, undefined, { token: filer.token })).body.qr;
    if (which === 'an expired paper code') app.clock.advance(7 * DAY);
    if (which === 'a forged one') qr = qr.slice(0, -6) + (qr.endsWith('000000') ? '111111' : '000000');
    if (which === 'text') qr = 'hello';
    expect(await verify(filer.token, qr)).toMatchObject({ status: 400, body: { error: { code } } });
  });
});

describe('revocation', () => {
  it('when a new paper code is issued, then the old one is revoked online and offline (published list)', async () => {
    const { filer, parentId } = await filerWithParent();
    const first = (await issue(filer.token, parentId)).body.qr;
    app.clock.advance(60_000);
    const second = (await issue(filer.token, parentId, true)).body.qr;
    expect(await verify(filer.token, first)).toMatchObject({
      status: 400,
      body: { error: { code: 'CODE_REVOKED', message: expect.stringContaining('newer') } },
    });
    expect((await verify(filer.token, second)).status).toBe(200);
    expect(await verifyOffline(first)).toMatchObject({ ok: true, revoked: true });
    expect(await verifyOffline(second)).toMatchObject({ ok: true, revoked: false });
    const list = (await call(app.url, 'GET', '/api/revocations')).body;
    expect(list).toEqual({
      issuer: app.config.codes.issuerId,
      generatedAt: expect.any(String),
      entries: [{ id: tokenId(first), expiresAt: expect.any(String) }],
    });
  });

  it('when the colour turns worse (a check-in), then the paper code printed green is revoked', async () => {
    const { filer, parentId } = await filerWithParent();
    const { qr } = (await issue(filer.token, parentId)).body;
    await call(app.url, 'POST', `/api/dependents/${parentId}/checkins`, COUGH, { token: filer.token });
    expect(await verify(filer.token, qr)).toMatchObject({ status: 400, body: { error: { code: 'CODE_REVOKED', message: expect.stringContaining('colour') } } });
    expect((await verifyOffline(qr)).revoked).toBe(true);
  });

  it('when the colour turns worse through the provincial feed, then the paper code is revoked too', async () => {
    const r = await registerResident(app.url);
    await call(app.url, 'POST', '/api/me/checkins', NORMAL, { token: r.token });
    const { qr } = (await call(app.url, 'POST', '/api/me/paper-codes', undefined, { token: r.token })).body;
    await postBatch(app, ndjson([feedLine(app, { idNumber: r.idNumber, color: 'red', version: 1 })]));
    expect(await verify(r.token, qr)).toMatchObject({ status: 400, body: { error: { code: 'CODE_REVOKED' } } });
  });

  it('drops entries from the list once the codes have expired anyway', async () => {
    const { filer, parentId } = await filerWithParent();
    await issue(filer.token, parentId);
    app.clock.advance(1000);
    await issue(filer.token, parentId, true);
    expect((await call(app.url, 'GET', '/api/revocations')).body.entries).toHaveLength(1);
    app.clock.advance(7 * DAY);
    expect((await call(app.url, 'GET', '/api/revocations')).body.entries).toEqual([]);
  });
});

describe('the print-ready paper code', () => {
  it('when the filer asks for it, then the SVG is an A6 card with the masked name, valid-until and instructions, and the PNG scans to the token', async () => {
    const { filer, parentId } = await filerWithParent();
    const code = (await issue(filer.token, parentId)).body;
    const svg = await fetch(`${app.url}/api/paper-codes/${code.id}/print.svg`, { headers: { authorization: `Bearer ${filer.token}` } });
    expect(svg.status).toBe(200);
    expect(svg.headers.get('content-type')).toContain('image/svg+xml');
    const text = await svg.text();
    expect(text).toContain('width="105mm" height="148mm"');
    // Filed as the filer's parent: the card names the filer as the holder's child.
    for (const part of ['张*汉', '有效期至 2026-11-29 16:00', '由 张*三（持码人的子女）代办', '不能登录', '绿码']) expect(text).toContain(part);
    expect(text).not.toContain('张老汉');
    const png = await fetch(`${app.url}/api/paper-codes/${code.id}/print.png`, { headers: { authorization: `Bearer ${filer.token}` } });
    expect(png.headers.get('content-type')).toBe('image/png');
    const image = PNG.sync.read(Buffer.from(await png.arrayBuffer()));
    expect(jsQR(new Uint8ClampedArray(image.data), image.width, image.height)?.data).toBe(code.qr);
  });

  it('when the filer reads English, then the card is worded in English; in Chinese, then in Chinese', async () => {
    const { filer, parentId } = await filerWithParent();
    const code = (await issue(filer.token, parentId)).body;
    const print = async () => (await fetch(`${app.url}/api/paper-codes/${code.id}/print.svg`, { headers: { authorization: `Bearer ${filer.token}` } })).text();
    const zh = await print();
    expect(zh).toContain('请出示此码供工作人员扫描核验。');
    expect(zh).not.toContain('Show this code to staff');
    await call(app.url, 'PATCH', '/api/me', { locale: 'en' }, { token: filer.token });
    const en = await print();
    for (const part of [
      'Show this code to staff to scan and verify.',
      'Valid until 2026-11-29 16:00 (Beijing time)',
      'Filed by 张*三, the holder&apos;s child',
      '张*汉',
    ])
      expect(en).toContain(part);
    expect(en).not.toContain('请出示此码');
  });

  it('when someone else asks, then 404; when the code was replaced, then 410', async () => {
    const { filer, parentId } = await filerWithParent();
    const code = (await issue(filer.token, parentId)).body;
    const stranger = await registerResident(app.url);
    expect((await call(app.url, 'GET', `/api/paper-codes/${code.id}/print.svg`, undefined, { token: stranger.token })).status).toBe(404);
    app.clock.advance(1000);
    await issue(filer.token, parentId, true);
    expect(await call(app.url, 'GET', `/api/paper-codes/${code.id}/print.svg`, undefined, { token: filer.token })).toMatchObject({
      status: 410,
      body: { error: { code: 'CODE_REVOKED' } },
    });
  });
});
