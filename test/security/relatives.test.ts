/**
 * Issue 10, finding 2, replayed over HTTP as the attacker did it:
 * - `POST /api/dependents` with a known ID and guessed names: 19 × NAME_MISMATCH, then 201 on
 *   the 20th guess, ~6,000 guesses a minute, none throttled, none audited;
 * - the same route answered RELATIVE_HAS_OWN_ACCOUNT for any registered ID (enumeration);
 * - probing left `persons` rows under invented names that then blocked the true family
 *   (NAME_MISMATCH) and the guard's lookup (404).
 * Limits are the defaults: 5 refused attempts per filer and 10 per ID number a day, 5 new
 * records per filer a day.
 */
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { loginBySms, registerResident } from '../support/flows';
import { call } from '../support/http';
import { newIdNumber } from '../support/ids';
import { grantRole } from '../support/roles';
import { startTestApp, type TestApp } from '../support/testApp';

let app: TestApp;
beforeAll(async () => {
  app = await startTestApp();
});
afterAll(() => app.close());
beforeEach(() => app.reset());

const WRONG_NAMES = [
  '李大妈',
  '李二妈',
  '李三妈',
  '李四妈',
  '李五妈',
  '李六妈',
  '李七妈',
  '李八妈',
  '李九妈',
  '李十妈',
  '李春花',
  '李秋菊',
  '李冬梅',
  '李夏荷',
  '李玉兰',
  '李桂英',
  '李秀英',
  '李淑珍',
  '李凤英',
];
const add = (token: string, name: string, idNumber: string) =>
  call(app.url, 'POST', '/api/dependents', { name, idNumber, relation: 'parent', consent: true }, { token });
const personsCount = async () => Number((await app.db.query<any[]>('SELECT COUNT(*) AS n FROM persons'))[0][0].n);

/** A grandmother her family already files for: the attacker knows her ID number only. */
async function grandmaFiledByFamily() {
  const family = await registerResident(app.url, { name: '李小红' });
  const idNumber = newIdNumber('19400101');
  expect((await add(family.token, '李老太', idNumber)).status).toBe(201);
  return { family, idNumber };
}

describe('guessing a relative’s name', () => {
  it('when an account guesses names for a known ID number, then after 5 wrong names it gets 429 TOO_MANY_ATTEMPTS — even for the right name', async () => {
    const { idNumber } = await grandmaFiledByFamily();
    const attacker = await registerResident(app.url, { name: '坏人甲' });
    const before = await personsCount();
    const answers = [];
    for (const name of WRONG_NAMES) answers.push(await add(attacker.token, name, idNumber));
    expect(answers.slice(0, 5).map((a) => a.body.error?.code)).toEqual(Array(5).fill('NAME_MISMATCH'));
    for (const a of answers.slice(5)) {
      expect(a).toMatchObject({ status: 429, body: { error: { code: 'TOO_MANY_ATTEMPTS', retryAfterSeconds: expect.any(Number) } } });
      const retryAfter = Number(a.headers.get('retry-after'));
      expect(retryAfter).toBeGreaterThan(0);
      expect(retryAfter).toBeLessThanOrEqual(86400);
    }
    // The 20th guess is right, and still gets nothing.
    expect(await add(attacker.token, '李老太', idNumber)).toMatchObject({ status: 429, body: { error: { code: 'TOO_MANY_ATTEMPTS' } } });
    expect((await call(app.url, 'GET', '/api/dependents', undefined, { token: attacker.token })).body.dependents).toEqual([]);
    // Refused guesses leave no row behind.
    expect(await personsCount()).toBe(before);
  });

  it('when many accounts together guess one person’s name, then the ID number’s own limit stops them', async () => {
    const { idNumber } = await grandmaFiledByFamily();
    const accounts = await Promise.all([1, 2, 3].map(() => registerResident(app.url, { name: '坏人乙' })));
    const codes: string[] = [];
    let guess = 0;
    for (const a of accounts) for (let i = 0; i < 4; i++) codes.push((await add(a.token, WRONG_NAMES[guess++], idNumber)).body.error.code);
    // 4 wrong names each is within the per-account limit; 12 for one ID number is not.
    expect(codes.slice(0, 10)).toEqual(Array(10).fill('NAME_MISMATCH'));
    expect(codes.slice(10)).toEqual(['TOO_MANY_ATTEMPTS', 'TOO_MANY_ATTEMPTS']);
    const fresh = await registerResident(app.url, { name: '坏人丙' });
    expect(await add(fresh.token, '李老太', idNumber)).toMatchObject({ status: 429, body: { error: { code: 'TOO_MANY_ATTEMPTS' } } });
  });

  it('when 40 guesses arrive at once, then at most 5 are answered NAME_MISMATCH and none is a 5xx', async () => {
    const { idNumber } = await grandmaFiledByFamily();
    const attacker = await registerResident(app.url, { name: '坏人甲' });
    const replies = await Promise.all(Array.from({ length: 40 }, (_, i) => add(attacker.token, WRONG_NAMES[i % WRONG_NAMES.length], idNumber)));
    expect(replies.filter((r) => r.status >= 500)).toEqual([]);
    expect(replies.filter((r) => r.body.error?.code === 'NAME_MISMATCH').length).toBeLessThanOrEqual(5);
    expect(replies.filter((r) => r.status === 429).length).toBeGreaterThanOrEqual(35);
  });
});

describe('every attempt is audited and shown to the person', () => {
  it('when someone tries to file for a registered resident, then she sees each attempt: masked filer, when, outcome', async () => {
    const grandma = await registerResident(app.url, { name: '李老太', idNumber: newIdNumber('19400101') });
    const attacker = await registerResident(app.url, { name: '坏人甲' });
    await add(attacker.token, '李大妈', grandma.idNumber);
    app.clock.advance(60_000);
    await add(attacker.token, '李老太', grandma.idNumber);
    const seen = await call(app.url, 'GET', '/api/me/filing-attempts', undefined, { token: grandma.token });
    expect(seen).toMatchObject({ status: 200 });
    expect(seen.body.attempts).toEqual([
      { filer: '坏*甲', relation: 'parent', relationText: null, at: app.clock.now().toISOString(), outcome: 'has-own-account' },
      { filer: '坏*甲', relation: 'parent', relationText: null, at: new Date(app.clock.now().getTime() - 60_000).toISOString(), outcome: 'name-mismatch' },
    ]);
    expect(JSON.stringify(seen.body)).not.toContain('坏人甲');
    // Nobody else sees them.
    expect((await call(app.url, 'GET', '/api/me/filing-attempts', undefined, { token: attacker.token })).body.attempts).toEqual([]);
  });

  it('records refused, throttled and successful attempts alike, in an append-only table', async () => {
    const { idNumber } = await grandmaFiledByFamily();
    const attacker = await registerResident(app.url, { name: '坏人甲' });
    for (const name of WRONG_NAMES.slice(0, 8)) await add(attacker.token, name, idNumber);
    const [rows] = await app.db.query<any[]>('SELECT outcome FROM filing_attempts ORDER BY id');
    // The family's filing, 5 wrong names, then the throttled ones (recorded once per hour, not each).
    expect(rows.map((r) => r.outcome)).toEqual(['filed', ...Array(5).fill('name-mismatch'), 'too-many-attempts']);
  });
});

describe('telling who is registered', () => {
  it('when an ID number of a registered resident is tried with a wrong name, then the answer is NAME_MISMATCH, as for anyone on file', async () => {
    const registered = await registerResident(app.url, { name: '王小明', idNumber: newIdNumber('19900101') });
    const { idNumber: filedFor } = await grandmaFiledByFamily();
    const prober = await registerResident(app.url, { name: '坏人甲' });
    const a = await add(prober.token, '随便猜', registered.idNumber);
    const b = await add(prober.token, '随便猜', filedFor);
    expect(a).toMatchObject({ status: 409, body: { error: { code: 'NAME_MISMATCH' } } });
    expect(b.status).toBe(a.status);
    expect(b.body).toEqual(a.body);
  });

  it('when an account probes many registered ID numbers, then it is throttled after 5', async () => {
    const registered = [];
    for (let i = 0; i < 7; i++) registered.push(await registerResident(app.url, { name: '王小明' }));
    const prober = await registerResident(app.url, { name: '坏人甲' });
    const codes = [];
    for (const r of registered) codes.push((await add(prober.token, '随便猜', r.idNumber)).body.error.code);
    expect(codes).toEqual([...Array(5).fill('NAME_MISMATCH'), 'TOO_MANY_ATTEMPTS', 'TOO_MANY_ATTEMPTS']);
  });
});

describe('records left under invented names', () => {
  it('when an account files for unknown ID numbers under invented names, then it may create only 5 records a day', async () => {
    const squatter = await registerResident(app.url, { name: '坏人甲' });
    const before = await personsCount();
    const codes = [];
    for (let i = 0; i < 7; i++) codes.push((await add(squatter.token, '假名字', newIdNumber('19500101'))).status);
    expect(codes).toEqual([201, 201, 201, 201, 201, 429, 429]);
    expect(await personsCount()).toBe(before + 5);
  });

  it('when the squatter stops filing, then the invented record is released: the true family can add her and the guard finds her', async () => {
    const idNumber = newIdNumber('19400101');
    const squatter = await registerResident(app.url, { name: '坏人甲' });
    const squat = await add(squatter.token, '假名字', idNumber);
    expect(squat.status).toBe(201);
    const family = await registerResident(app.url, { name: '李小红' });
    // While it stands, the family is told the name differs and where to get it corrected.
    expect(await add(family.token, '李老太', idNumber)).toMatchObject({
      status: 409,
      body: { error: { code: 'NAME_MISMATCH', message: expect.stringContaining('community') } },
    });

    expect((await call(app.url, 'DELETE', `/api/dependents/${squat.body.id}`, undefined, { token: squatter.token })).status).toBe(204);
    expect(await add(family.token, '李老太', idNumber)).toMatchObject({ status: 201 });

    const op = await loginBySms(app.url);
    await grantRole(app, op.phone, 'operator');
    const place = await call(
      app.url,
      'POST',
      '/api/venues',
      { type: 'community', name: '幸福里小区', address: '幸福路 1 号', district: '110105' },
      { token: op.token },
    );
    const guard = await loginBySms(app.url);
    await grantRole(app, guard.phone, 'venue-staff', place.body.id);
    expect(await call(app.url, 'POST', '/api/scans', { venueId: place.body.id, idNumber, name: '李老太' }, { token: guard.token })).toMatchObject({
      status: 201,
      body: { holder: { name: '李*太' } },
    });
  });

  it('when the squatter stops filing, then a record holding something of its own (a check-in) stays; only the bare one is released', async () => {
    const squatter = await registerResident(app.url, { name: '坏人甲' });
    const bare = newIdNumber('19400101');
    const withHistory = newIdNumber('19400101');
    const a = await add(squatter.token, '假名字', bare);
    const b = await add(squatter.token, '李老太', withHistory);
    const NORMAL = { temperature: 'normal', symptoms: [], visitedAreas: [], contact: 'none', address: { district: '110105', detail: '幸福路 1 号' } };
    expect((await call(app.url, 'POST', `/api/dependents/${b.body.id}/checkins`, NORMAL, { token: squatter.token })).status).toBe(201);
    const before = await personsCount();
    for (const filing of [a, b])
      expect((await call(app.url, 'DELETE', `/api/dependents/${filing.body.id}`, undefined, { token: squatter.token })).status).toBe(204);
    expect(await personsCount()).toBe(before - 1);
    const family = await registerResident(app.url, { name: '李小红' });
    expect(await add(family.token, '别的名字', withHistory)).toMatchObject({ status: 409, body: { error: { code: 'NAME_MISMATCH' } } });
    expect((await add(family.token, '李老太', withHistory)).status).toBe(201);
    expect((await add(family.token, '李老太', bare)).status).toBe(201);
  });
});
