import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
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

async function sourceFiles(dir: string): Promise<string[]> {
  const out: string[] = [];
  for (const entry of await readdir(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) out.push(...(await sourceFiles(path)));
    else if (/\.(ts|sql)$/.test(entry.name)) out.push(path);
  }
  return out;
}

describe('the colour history', () => {
  it('is append-only: no statement in the BFF updates or deletes it', async () => {
    const root = fileURLToPath(new URL('../../bff/', import.meta.url));
    const files = [...(await sourceFiles(join(root, 'src'))), ...(await sourceFiles(join(root, 'migrations')))];
    expect(files.length).toBeGreaterThan(20);
    const offending: string[] = [];
    for (const file of files) {
      const text = (await readFile(file, 'utf8')).replace(/\s+/g, ' ');
      if (/(UPDATE\s+`?colour_history|DELETE\s+FROM\s+`?colour_history|TRUNCATE\s+(TABLE\s+)?`?colour_history|DROP\s+TABLE[^;]*colour_history)/i.test(text)) offending.push(file);
    }
    expect(offending).toEqual([]);
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
    await checkIn(r.token); // the province's red is a day old (stale after 12 h): the fresh check-in decides
    const entries = (await audit(r.token)).body.entries.reverse();
    expect(entries.map((e: any) => `${e.from}→${e.to} ${e.decidedBy} ${e.reasonCode}`)).toEqual([
      'grey→green checkin CHECKIN_OK',
      'green→yellow checkin FEVER',
      'yellow→red provincial PROV_CODE',
      'red→green checkin CHECKIN_OK',
    ]);
    for (let i = 1; i < entries.length; i++) expect(entries[i].from).toBe(entries[i - 1].to);
    expect(entries[1]).toMatchObject({ actor: 'self-declaration', reason: '申报发热（体温 ≥ 37.3℃）' });
  });

  it('when the colour moves with time alone (a check-in going overdue), then the change is recorded when the code is next shown', async () => {
    const r = await registerResident(app.url);
    await checkIn(r.token);
    app.clock.advance(3 * DAY);
    expect((await code(r.token)).body).toMatchObject({ color: 'yellow', reasons: [{ reasonCode: 'CHECKIN_OVERDUE' }] });
    await expect
      .poll(async () => (await audit(r.token)).body.entries[0], { timeout: 3000 })
      .toMatchObject({ from: 'green', to: 'yellow', decidedBy: 'checkin', reasonCode: 'CHECKIN_OVERDUE', reason: '超过 3 天未打卡' });
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
