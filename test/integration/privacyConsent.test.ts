/**
 * Consent to the privacy notice (issue 13; PIPL art. 13(4), 17, 28; docs/decisions/0024):
 * `GET /api/me` says which version the account accepted; `PUT /api/me/privacy-consent` records
 * an acceptance of the version in force — and only that one — with a row of the append-only
 * consent log each time.
 */
import type { RowDataPacket } from 'mysql2';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { PRIVACY_NOTICE_VERSION, privacyConsentNeeded } from '@yima/shared';
import { loginBySms } from '../support/flows';
import { call } from '../support/http';
import { startTestApp, type TestApp } from '../support/testApp';

let app: TestApp;
beforeAll(async () => {
  app = await startTestApp();
});
afterAll(() => app.close());
beforeEach(() => app.reset());

const consent = (token: string | undefined, body: unknown) => call(app.url, 'PUT', '/api/me/privacy-consent', body, token ? { token } : {});
const log = async (userId: string) =>
  (await app.adminDb.query<RowDataPacket[]>('SELECT version, at FROM privacy_consents WHERE user_id = ? ORDER BY id', [userId]))[0];

describe('privacy consent', () => {
  it('when a new account logs in, then it has accepted nothing; accepting the notice in force records it, and GET /api/me says so', async () => {
    const me = await loginBySms(app.url);
    const before = await call(app.url, 'GET', '/api/me', undefined, { token: me.token });
    expect(before.body.privacyAccepted).toBeNull();
    expect(privacyConsentNeeded(before.body.privacyAccepted)).toBe(true);

    const accepted = await consent(me.token, { version: PRIVACY_NOTICE_VERSION });
    expect(accepted.status).toBe(200);
    expect(accepted.body.privacyAccepted).toBe(PRIVACY_NOTICE_VERSION);
    const after = await call(app.url, 'GET', '/api/me', undefined, { token: me.token });
    expect(after.body.privacyAccepted).toBe(PRIVACY_NOTICE_VERSION);
    expect(privacyConsentNeeded(after.body.privacyAccepted)).toBe(false);
    // Accepted again (another device): kept, and logged again.
    expect((await consent(me.token, { version: PRIVACY_NOTICE_VERSION })).status).toBe(200);
    const rows = await log(me.userId);
    expect(rows.map((r) => r.version)).toEqual([PRIVACY_NOTICE_VERSION, PRIVACY_NOTICE_VERSION]);
    expect(new Date(rows[0].at).toISOString()).toBe(app.clock.now().toISOString());
  });

  it('when an older or unknown version, or no version, is sent, then 400 and nothing is recorded; without a session, 401', async () => {
    const me = await loginBySms(app.url);
    for (const body of [{ version: '2020-01-01' }, { version: 20261126 }, {}, { version: PRIVACY_NOTICE_VERSION, extra: 1 }, 'yes']) {
      const res = await consent(me.token, body);
      expect(res.status).toBe(400);
      // A body that is no JSON object is INVALID_JSON; a wrong field, INVALID_REQUEST.
      expect(['INVALID_REQUEST', 'INVALID_JSON']).toContain(res.body.error.code);
    }
    expect((await consent(undefined, { version: PRIVACY_NOTICE_VERSION })).status).toBe(401);
    expect(await log(me.userId)).toEqual([]);
    expect((await call(app.url, 'GET', '/api/me', undefined, { token: me.token })).body.privacyAccepted).toBeNull();
  });

  it('when the application account tries to change or delete a consent, then the database refuses (append-only)', async () => {
    const me = await loginBySms(app.url);
    expect((await consent(me.token, { version: PRIVACY_NOTICE_VERSION })).status).toBe(200);
    await expect(app.db.query('UPDATE privacy_consents SET version = ?', ['x'])).rejects.toThrow(/denied/i);
    await expect(app.db.query('DELETE FROM privacy_consents')).rejects.toThrow(/denied/i);
  });
});
