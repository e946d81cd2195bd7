/**
 * Issue 10, finding 1: record takeover by ID number. A family files for a relative (李老太)
 * who has no phone; an authority marks her with a note; the family prints her paper card.
 * A stranger on a fresh phone then sends her ID number with their own name. Each test below
 * is one thing that stranger could do on bcf06a5, asserted the way they would try it over
 * HTTP; then the legitimate path: the true person verifies, claims, sees everything, and the
 * family is told and keeps filing until she ends it (docs/decisions/0008).
 *
 * The family registers by declaration (PUT /api/me/identity) so the setup is the same on the
 * old code and the new: only the attacker's requests differ in outcome.
 */
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { feedLine, ndjson, postBatch } from '../support/feed';
import { declareResident, loginBySms, verifyIdentity } from '../support/flows';
import { call } from '../support/http';
import { newIdNumber } from '../support/ids';
import { grantRole } from '../support/roles';
import { startTestApp, type TestApp } from '../support/testApp';

let app: TestApp;
beforeAll(async () => {
  app = await startTestApp({ env: { SESSION_TTL_SECONDS: String(30 * 86400) } });
});
afterAll(() => app.close());
beforeEach(() => app.reset());

const NOTE = '与 11 月 20 日确诊病例同乘 K123 次列车';
const NORMAL = { temperature: 'normal', symptoms: [], visitedAreas: [], contact: 'none', address: { district: '440105', detail: '幸福路 1 号' } };
const get = (token: string, path: string) => call(app.url, 'GET', path, undefined, { token });

/** The family's relative with a record: filed by her son, checked in, marked red with a
 * note by the district CDC, and a paper card printed by the son. */
async function relativeWithRecord() {
  const son = await declareResident(app.url, { name: '王小明' });
  const grannyId = newIdNumber('19400101');
  const filed = await call(app.url, 'POST', '/api/dependents', { name: '李老太', idNumber: grannyId, relation: 'parent', consent: true }, { token: son.token });
  expect(filed.status).toBe(201);
  const filingId = filed.body.id as string;
  expect((await call(app.url, 'POST', `/api/dependents/${filingId}/checkins`, NORMAL, { token: son.token })).status).toBe(201);
  const card = await call(app.url, 'POST', `/api/dependents/${filingId}/paper-codes`, undefined, { token: son.token });
  expect(card.status).toBe(201);
  const cdc = await loginBySms(app.url);
  await grantRole(app, cdc.phone, 'authority', '440105');
  const mark = await call(
    app.url,
    'POST',
    '/api/marks',
    { idNumber: grannyId, color: 'yellow', reason: 'CLOSE_CONTACT', note: NOTE, legalBasis: '《传染病防治法》第三十九条' },
    { token: cdc.token },
  );
  expect(mark.status).toBe(201);
  // The yellow mark voids the green card; the son prints a new one.
  const yellowCard = await call(app.url, 'POST', `/api/dependents/${filingId}/paper-codes`, undefined, { token: son.token });
  expect(yellowCard).toMatchObject({ status: 201, body: { color: 'yellow' } });
  return { son, grannyId, filingId, cardQr: yellowCard.body.qr as string };
}

/** The stranger: a fresh phone sending the relative's ID number under their own name. */
async function attacker(grannyId: string) {
  const bad = await loginBySms(app.url);
  const put = await call(app.url, 'PUT', '/api/me/identity', { name: '坏人甲', idNumber: grannyId }, { token: bad.token });
  return { ...bad, put };
}

describe('finding 1: a stranger claims a relative’s ID number', () => {
  it('when a fresh account PUTs the ID number of a filed relative, then 409 VERIFICATION_REQUIRED and the account stays unregistered', async () => {
    const { grannyId } = await relativeWithRecord();
    const bad = await attacker(grannyId);
    expect(bad.put).toMatchObject({ status: 409, body: { error: { code: 'VERIFICATION_REQUIRED' } } });
    expect((await get(bad.token, '/api/me')).body).toMatchObject({ registered: false, name: null, idNumber: null });
  });

  it('when the stranger then reads /api/me/code, then neither the colour nor the mark’s note is shown', async () => {
    const { grannyId } = await relativeWithRecord();
    const bad = await attacker(grannyId);
    const page = await get(bad.token, '/api/me/code');
    expect(page.status).not.toBe(200);
    expect(JSON.stringify(page.body)).not.toContain(NOTE);
    expect(JSON.stringify(page.body)).not.toContain('yellow');
  });

  it('when the stranger reads /api/me/audit, then the colour history is not shown', async () => {
    const { grannyId } = await relativeWithRecord();
    const bad = await attacker(grannyId);
    const history = await get(bad.token, '/api/me/audit');
    expect(history.status).not.toBe(200);
    expect(JSON.stringify(history.body)).not.toContain(NOTE);
  });

  it('when the stranger reads /api/me/filers, then the family is not listed', async () => {
    const { grannyId } = await relativeWithRecord();
    const bad = await attacker(grannyId);
    const filers = await get(bad.token, '/api/me/filers');
    expect(filers.status).not.toBe(200);
    expect(JSON.stringify(filers.body)).not.toContain('王*');
  });

  it('when the stranger DELETEs the family’s filing, then it stays and the family still sees her code', async () => {
    const { son, grannyId, filingId } = await relativeWithRecord();
    const bad = await attacker(grannyId);
    const removed = await call(app.url, 'DELETE', `/api/me/filers/${filingId}`, undefined, { token: bad.token });
    expect(removed.status).not.toBe(204);
    expect(await get(son.token, `/api/dependents/${filingId}/code`)).toMatchObject({ status: 200, body: { color: 'yellow' } });
  });

  it('when the stranger issues a paper code for "themselves", then none is issued and the family’s printed card still verifies', async () => {
    const { son, grannyId, cardQr } = await relativeWithRecord();
    const bad = await attacker(grannyId);
    const issued = await call(app.url, 'POST', '/api/me/paper-codes', undefined, { token: bad.token });
    expect(issued.status).not.toBe(201);
    expect(await call(app.url, 'POST', '/api/paper-codes/verify', { qr: cardQr }, { token: son.token })).toMatchObject({
      status: 200,
      body: { color: 'yellow', holder: { name: '李*太' } },
    });
  });

  it('when the stranger has tried, then the family still sees her under her own name', async () => {
    const { son, grannyId } = await relativeWithRecord();
    await attacker(grannyId);
    const list = await get(son.token, '/api/dependents');
    expect(list.body.dependents).toEqual([expect.objectContaining({ name: '李*太', hasOwnAccount: false })]);
  });

  it('when the stranger passes a face check under their own name, then 409 CLAIM_NAME_MISMATCH: a claim never renames', async () => {
    const { son, grannyId } = await relativeWithRecord();
    const bad = await loginBySms(app.url);
    const claimed = await verifyIdentity(app.url, bad.token, { name: '坏人甲', idNumber: grannyId });
    expect(claimed).toMatchObject({ status: 409, body: { error: { code: 'CLAIM_NAME_MISMATCH', message: expect.stringContaining('12345') } } });
    expect((await get(bad.token, '/api/me')).body).toMatchObject({ registered: false, verified: false });
    expect((await get(son.token, '/api/dependents')).body.dependents).toEqual([expect.objectContaining({ name: '李*太', hasOwnAccount: false })]);
  });

  it('when the ID number is known only from the provincial feed, then a declared claim is refused too', async () => {
    const idNumber = newIdNumber('19700101');
    expect((await postBatch(app, ndjson([feedLine(app, { idNumber, color: 'red', version: 1 })]))).status).toBe(202);
    const bad = await loginBySms(app.url);
    const put = await call(app.url, 'PUT', '/api/me/identity', { name: '坏人甲', idNumber }, { token: bad.token });
    expect(put).toMatchObject({ status: 409, body: { error: { code: 'VERIFICATION_REQUIRED' } } });
  });
});

describe('before verification: an account sees at most what it declared', () => {
  it('when a declared account’s record later receives a mark, then its code is grey "verify your identity" with no note, and its history, filers and paper codes are closed', async () => {
    const declared = await declareResident(app.url, { name: '赵六' });
    expect((await call(app.url, 'POST', '/api/me/checkins', NORMAL, { token: declared.token })).status).toBe(201);
    expect((await get(declared.token, '/api/me/code')).body.color).toBe('green');
    const cdc = await loginBySms(app.url);
    await grantRole(app, cdc.phone, 'authority', '440105');
    await call(
      app.url,
      'POST',
      '/api/marks',
      { idNumber: declared.idNumber, color: 'red', reason: 'CLOSE_CONTACT', note: NOTE, legalBasis: '《传染病防治法》第三十九条' },
      { token: cdc.token },
    );

    const page = await get(declared.token, '/api/me/code');
    expect(page).toMatchObject({ status: 200, body: { color: 'grey', verificationRequired: true, reasons: [{ reasonCode: 'IDENTITY_UNVERIFIED' }] } });
    expect(JSON.stringify(page.body)).not.toContain(NOTE);
    expect(await get(declared.token, '/api/me/audit')).toMatchObject({ status: 403, body: { error: { code: 'VERIFICATION_REQUIRED' } } });
    expect(await call(app.url, 'POST', '/api/me/paper-codes', undefined, { token: declared.token })).toMatchObject({
      status: 403,
      body: { error: { code: 'VERIFICATION_REQUIRED' } },
    });

    // Verifying (the true person, by face) opens the whole record: red, with the note.
    expect(await verifyIdentity(app.url, declared.token, { name: '赵六', idNumber: declared.idNumber })).toMatchObject({
      status: 200,
      body: { verified: true },
    });
    const after = await get(declared.token, '/api/me/code');
    expect(after.body).toMatchObject({ color: 'red' });
    expect(JSON.stringify(after.body)).toContain(NOTE);
    expect((await get(declared.token, '/api/me/audit')).status).toBe(200);
  });

  it('when an account took a record over before this fix (linked in the database), then it is restricted: grey code, no history, filers or paper codes, no rename', async () => {
    const { son, grannyId, filingId, cardQr } = await relativeWithRecord();
    const bad = await loginBySms(app.url);
    const [[person]] = (await app.db.query('SELECT p.id FROM persons p JOIN dependents d ON d.person_id = p.id WHERE d.id = ?', [filingId])) as unknown as [
      { id: number }[],
    ];
    await app.db.query('UPDATE users SET person_id = ?, registered_at = NOW(3) WHERE id = ?', [person.id, bad.userId]);

    const page = await get(bad.token, '/api/me/code');
    expect(page.body).toMatchObject({ color: 'grey', verificationRequired: true });
    expect(JSON.stringify(page.body)).not.toContain(NOTE);
    for (const path of ['/api/me/audit', '/api/me/filers'])
      expect(await get(bad.token, path)).toMatchObject({ status: 403, body: { error: { code: 'VERIFICATION_REQUIRED' } } });
    expect((await call(app.url, 'DELETE', `/api/me/filers/${filingId}`, undefined, { token: bad.token })).status).toBe(403);
    expect((await call(app.url, 'POST', '/api/me/paper-codes', undefined, { token: bad.token })).status).toBe(403);
    const [[card]] = (await app.db.query('SELECT id FROM paper_codes WHERE person_id = ? AND revoked_at IS NULL', [person.id])) as unknown as [
      { id: number }[],
    ];
    expect((await get(bad.token, `/api/paper-codes/${card.id}/print.svg`)).status).toBe(404);
    expect(await call(app.url, 'PUT', '/api/me/identity', { name: '坏人甲', idNumber: grannyId }, { token: bad.token })).toMatchObject({
      status: 409,
      body: { error: { code: 'CLAIM_NAME_MISMATCH' } },
    });
    expect((await get(son.token, '/api/dependents')).body.dependents).toEqual([expect.objectContaining({ name: '李*太' })]);
    expect(await call(app.url, 'POST', '/api/paper-codes/verify', { qr: cardQr }, { token: son.token })).toMatchObject({ status: 200 });
  });

  it('when a declared account’s record holds only its own check-ins, then it sees its code and history as before', async () => {
    const declared = await declareResident(app.url);
    await call(app.url, 'POST', '/api/me/checkins', NORMAL, { token: declared.token });
    expect(await get(declared.token, '/api/me/code')).toMatchObject({ status: 200, body: { color: 'green' } });
    expect((await get(declared.token, '/api/me/audit')).status).toBe(200);
    expect(await call(app.url, 'POST', '/api/me/paper-codes', undefined, { token: declared.token })).toMatchObject({ status: 201, body: { color: 'green' } });
  });
});

describe('the true person claims her record', () => {
  it('when she verifies with the name on file, then she sees her code, mark note, history and filers; the family is told and keeps filing until she ends it', async () => {
    const { son, grannyId, filingId } = await relativeWithRecord();
    const granny = await loginBySms(app.url);
    const claimed = await verifyIdentity(app.url, granny.token, { name: '李老太', idNumber: grannyId });
    expect(claimed).toMatchObject({ status: 200, body: { registered: true, verified: true, name: '李*太' } });

    const page = await get(granny.token, '/api/me/code');
    expect(page.body).toMatchObject({ color: 'yellow', holder: { name: '李*太' } });
    expect(JSON.stringify(page.body)).toContain(NOTE);
    expect(JSON.stringify((await get(granny.token, '/api/me/audit')).body)).toContain(NOTE);
    const filers = await get(granny.token, '/api/me/filers');
    expect(filers.body.filers).toEqual([expect.objectContaining({ id: filingId, name: '王*明' })]);

    // The family's page says she now verified her own account; the son keeps filing.
    const list = (await get(son.token, '/api/dependents')).body.dependents;
    expect(list).toEqual([expect.objectContaining({ name: '李*太', hasOwnAccount: true, verifiedOwnerSince: app.clock.now().toISOString() })]);
    expect((await call(app.url, 'POST', `/api/dependents/${filingId}/checkins`, NORMAL, { token: son.token })).status).toBe(201);
    expect((await get(son.token, `/api/dependents/${filingId}/code`)).status).toBe(200);

    // Until she ends it.
    expect((await call(app.url, 'DELETE', `/api/me/filers/${filingId}`, undefined, { token: granny.token })).status).toBe(204);
    expect((await get(son.token, `/api/dependents/${filingId}/code`)).status).toBe(404);
  });

  it('when the face check fails, then 422 VERIFICATION_FAILED and nothing is claimed', async () => {
    const { grannyId } = await relativeWithRecord();
    const granny = await loginBySms(app.url);
    const res = await verifyIdentity(app.url, granny.token, { name: '李老太', idNumber: grannyId }, { result: 'fail' });
    expect(res).toMatchObject({ status: 422, body: { error: { code: 'VERIFICATION_FAILED' } } });
    expect((await get(granny.token, '/api/me')).body).toMatchObject({ registered: false, verified: false });
  });
});

describe('an ID number a stranger only declared first (squatting)', () => {
  it('when a stranger declared her ID number first and she then verifies, then she holds her record under her verified name, the stranger is unregistered and the card the stranger printed is void', async () => {
    const chenId = newIdNumber('19500101');
    const squatter = await loginBySms(app.url);
    expect((await call(app.url, 'PUT', '/api/me/identity', { name: '坏人乙', idNumber: chenId }, { token: squatter.token })).status).toBe(200);
    expect((await call(app.url, 'POST', '/api/me/checkins', NORMAL, { token: squatter.token })).status).toBe(201);
    const card = await call(app.url, 'POST', '/api/me/paper-codes', undefined, { token: squatter.token });
    expect(card.status).toBe(201);

    const chen = await loginBySms(app.url);
    const claimed = await verifyIdentity(app.url, chen.token, { name: '陈真人', idNumber: chenId });
    expect(claimed).toMatchObject({ status: 200, body: { registered: true, verified: true, name: '陈*人' } });
    expect((await get(chen.token, '/api/me/code')).body).toMatchObject({ holder: { name: '陈*人' } });

    expect((await get(squatter.token, '/api/me')).body).toMatchObject({ registered: false, name: null, idNumber: null });
    expect((await get(squatter.token, '/api/me/code')).status).not.toBe(200);
    const [rows] = await app.db.query<any[]>('SELECT revoked_at, revoke_reason FROM paper_codes WHERE id = ?', [card.body.id]);
    expect(rows[0]).toMatchObject({ revoke_reason: 'holder-displaced' });
    expect(rows[0].revoked_at).not.toBeNull();
    // The squatter cannot take it back by declaring again: a verified person holds it now.
    expect((await call(app.url, 'PUT', '/api/me/identity', { name: '坏人乙', idNumber: chenId }, { token: squatter.token })).body.error.code).toBe(
      'ID_ALREADY_REGISTERED',
    );
  });

  it('when a verified account holds the ID number, then another account’s verification is refused with 409 ID_ALREADY_REGISTERED and nothing moves', async () => {
    const chenId = newIdNumber('19500101');
    const holder = await loginBySms(app.url);
    expect((await verifyIdentity(app.url, holder.token, { name: '陈真人', idNumber: chenId })).status).toBe(200);
    const other = await loginBySms(app.url);
    const res = await call(app.url, 'POST', '/api/me/identity/verifications', { name: '陈真人', idNumber: chenId, channel: 'h5' }, { token: other.token });
    expect(res).toMatchObject({ status: 409, body: { error: { code: 'ID_ALREADY_REGISTERED' } } });
    expect((await get(holder.token, '/api/me')).body).toMatchObject({ registered: true, verified: true });
  });

  it('when a family filed under one name and a stranger verifies under another, then CLAIM_NAME_MISMATCH: the family’s name is never replaced', async () => {
    const { son, grannyId, filingId } = await relativeWithRecord();
    const stranger = await loginBySms(app.url);
    const res = await verifyIdentity(app.url, stranger.token, { name: '坏人丙', idNumber: grannyId });
    expect(res).toMatchObject({ status: 409, body: { error: { code: 'CLAIM_NAME_MISMATCH' } } });
    expect((await get(son.token, `/api/dependents/${filingId}/code`)).body).toMatchObject({ holder: { name: '李*太' } });
  });
});
