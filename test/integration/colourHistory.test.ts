import type { RowDataPacket } from 'mysql2';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { feedLine, ndjson, postBatch } from '../support/feed';
import { loginBySms, registerResident } from '../support/flows';
import { call } from '../support/http';
import { grantRole } from '../support/roles';
import { startTestApp, type TestApp } from '../support/testApp';

let app: TestApp;
beforeAll(async () => {
  app = await startTestApp({ env: { SESSION_TTL_SECONDS: String(30 * 86400) } });
});
afterAll(() => app.close());
beforeEach(() => app.reset());

const DAY = 86400_000;
const NORMAL = { temperature: 'normal', symptoms: [], visitedAreas: [], contact: 'none', address: { district: '440105', detail: '幸福路 1 号' } };
const FEVER = { ...NORMAL, temperature: 38.2 };
const checkIn = (token: string, body: object = NORMAL) => call(app.url, 'POST', '/api/me/checkins', body, { token });
const code = (token: string) => call(app.url, 'GET', '/api/me/code', undefined, { token });
const audit = (token: string) => call(app.url, 'GET', '/api/me/audit', undefined, { token });

describe('the colour history', () => {
  it("is append-only by the database: the BFF's account may add and read rows, and MariaDB refuses every statement that would change or remove one", async () => {
    const r = await registerResident(app.url);
    await checkIn(r.token); // grey → green: the BFF appends as its own account
    const rows = async () => (await app.adminDb.query<RowDataPacket[]>('SELECT id, old_color, new_color, at FROM colour_history ORDER BY id'))[0];
    const before = await rows();
    expect(before).toHaveLength(1);
    const id = before[0].id;
    const refused = [
      `UPDATE colour_history SET new_color = 'green' WHERE id = ${id}`,
      `DELETE FROM colour_history WHERE id = ${id}`,
      `DELETE h FROM colour_history h WHERE h.id = ${id}`,
      `DELETE h FROM colour_history h JOIN users u ON u.id IS NOT NULL WHERE h.id = ${id}`,
      `UPDATE users u JOIN colour_history h ON h.id = ${id} SET h.new_color = 'red'`,
      `UPDATE colour_history h, users u SET h.new_color = 'red' WHERE h.id = ${id}`,
      `REPLACE INTO colour_history (id, id_hash, old_color, new_color, decided_by, actor, reason_code, reason_text, at) SELECT id, id_hash, old_color, 'red', decided_by, actor, reason_code, reason_text, at FROM colour_history WHERE id = ${id}`,
      `INSERT INTO colour_history (id, id_hash, old_color, new_color, decided_by, actor, reason_code, reason_text, at) VALUES (${id}, REPEAT('a', 32), 'grey', 'red', 'x', 'x', 'x', 'x', NOW()) ON DUPLICATE KEY UPDATE new_color = 'red'`,
      'TRUNCATE TABLE colour_history',
      'DROP TABLE colour_history',
      'ALTER TABLE colour_history ADD COLUMN x INT',
    ];
    for (const sql of refused) {
      // ER_TABLEACCESS_DENIED_ERROR: the privilege check, before any row is looked at.
      await expect(app.db.query(sql), sql).rejects.toMatchObject({ code: 'ER_TABLEACCESS_DENIED_ERROR' });
    }
    expect(await rows()).toEqual(before);
    // Not a blanket refusal: the same account changes tables that are not audit trails.
    await expect(app.db.query('UPDATE users SET registered_at = registered_at')).resolves.toBeDefined();
  });

  it('records every change of the merged colour as a chain — each entry starts where the one before ended — and nothing when the colour stays', async () => {
    const r = await registerResident(app.url);
    await checkIn(r.token); // grey → green
    app.clock.advance(DAY);
    await checkIn(r.token); // green again: no entry
    await checkIn(r.token, FEVER); // → yellow (same day, replaced)
    await postBatch(app, ndjson([feedLine(app, { idNumber: r.idNumber, color: 'red', version: 1 })])); // → red
    app.clock.advance(DAY / 4);
    await checkIn(r.token, FEVER); // yellow, the province's red still fresh: no entry
    app.clock.advance(DAY);
    // The province's red is a day old (stale after 12 h): the check-in decides, and it still
    // holds the declared yellow (decision 0021) — healthy day 1 of 7.
    await checkIn(r.token);
    for (let day = 2; day <= 7; day++) {
      app.clock.advance(DAY);
      await checkIn(r.token); // the 7th healthy day lowers it
    }
    const entries = (await audit(r.token)).body.entries.reverse();
    expect(entries.map((e: any) => `${e.from}→${e.to} ${e.decidedBy} ${e.reasonCode}`)).toEqual([
      'grey→green checkin CHECKIN_OK',
      'green→yellow checkin FEVER',
      'yellow→red provincial PROV_CODE',
      'red→yellow checkin FEVER',
      'yellow→green checkin CHECKIN_HEALTHY_RUN',
    ]);
    for (let i = 1; i < entries.length; i++) expect(entries[i].from).toBe(entries[i - 1].to);
    expect(entries[1]).toMatchObject({ actor: 'self-declaration', reasonCode: 'FEVER' });
  });

  it('when the colour moves with time alone (a check-in going overdue), then the change is recorded when the code is next shown', async () => {
    const r = await registerResident(app.url);
    await checkIn(r.token);
    app.clock.advance(3 * DAY);
    expect((await code(r.token)).body).toMatchObject({ color: 'yellow', reasons: [{ reasonCode: 'CHECKIN_OVERDUE' }] });
    await expect
      .poll(async () => (await audit(r.token)).body.entries[0], { timeout: 3000 })
      .toMatchObject({ from: 'green', to: 'yellow', decidedBy: 'checkin', reasonCode: 'CHECKIN_OVERDUE' });
  });

  it('shows each resident only their own history, and asks for login and registration', async () => {
    const a = await registerResident(app.url);
    const b = await registerResident(app.url);
    await checkIn(a.token, FEVER);
    expect((await audit(a.token)).body.entries).toHaveLength(1);
    expect((await audit(b.token)).body.entries).toEqual([]);
    expect(await audit('nope')).toMatchObject({ status: 401 });
    const unregistered = await loginBySms(app.url);
    expect(await audit(unregistered.token)).toMatchObject({ status: 403, body: { error: { code: 'REGISTRATION_REQUIRED' } } });
  });

  it('offers no route to change or delete it', async () => {
    const r = await registerResident(app.url);
    await checkIn(r.token, FEVER);
    const op = await loginBySms(app.url);
    await grantRole(app, op.phone, 'admin');
    for (const method of ['PUT', 'PATCH', 'DELETE', 'POST']) {
      const res = await call(app.url, method, '/api/me/audit', {}, { token: op.token });
      expect([404, 405]).toContain(res.status);
    }
    expect((await audit(r.token)).body.entries).toHaveLength(1);
  });
});
