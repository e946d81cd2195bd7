import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { assembleToken, encodeTokenBody, parseToken } from '@yima/shared';
import { createCodeSigner } from '@yima/bff/src/crypto/codeSigner';
import { registerResident } from '../support/flows';
import { call } from '../support/http';
import { startTestApp, type TestApp } from '../support/testApp';

// Another region's signing key (kid 7), as its own BFF would hold it; a forger's key with
// the same id; and a region we do not trust (kid 9).
const suikang = createCodeSigner([{ kid: 7, seed: Buffer.alloc(32, 1) }], 7);
const forger = createCodeSigner([{ kid: 7, seed: Buffer.alloc(32, 2) }], 7);
const stranger = createCodeSigner([{ kid: 9, seed: Buffer.alloc(32, 3) }], 9);
const publicKey = (s: typeof suikang) => Buffer.from(s.publicKeys()[0].publicKey).toString('base64');

let app: TestApp;
beforeAll(async () => {
  app = await startTestApp({
    env: { TRUSTED_ISSUERS: JSON.stringify([{ id: 'suikang', name: '穗康码', keys: [{ kid: 7, publicKey: publicKey(suikang) }] }]) },
  });
});
afterAll(() => app.close());
beforeEach(() => app.reset());

const nowSeconds = () => Math.floor(app.clock.now().getTime() / 1000);
const token = (signer: typeof suikang, over: { color?: 'green' | 'yellow' | 'red'; issuedAt?: number; expiresAt?: number; kind?: 'screen' | 'paper' } = {}) =>
  signer.sign({
    kind: over.kind ?? 'screen',
    color: over.color ?? 'yellow',
    holderId: 'a1b2c3d4e5f60718',
    issuedAt: over.issuedAt ?? nowSeconds() - 10,
    expiresAt: over.expiresAt ?? nowSeconds() + 290,
  });
/** The same token with another colour in its body and the original signature. */
function alterColour(qr: string, color: 'green'): string {
  const parsed = parseToken(qr);
  if (!parsed.ok) throw new Error('not a token');
  return assembleToken(encodeTokenBody({ ...parsed.fields, color }), parsed.signature);
}
const recognise = async (qr: string) => {
  const r = await registerResident(app.url);
  return call(app.url, 'POST', '/api/recognitions', { qr }, { token: r.token });
};

describe('recognising codes of other regions', () => {
  it('when a trusted region’s code is presented, then it verifies and its colour counts as recognised:<issuer>', async () => {
    const res = await recognise(token(suikang, { color: 'yellow' }));
    expect(res).toMatchObject({
      status: 200,
      body: {
        issuer: { id: 'suikang', name: '穗康码', own: false },
        kind: 'screen',
        color: 'yellow',
        decidedBy: 'recognised:suikang',
        sources: [{ source: 'recognised:suikang', color: 'yellow', stale: false }],
      },
    });
  });

  it('when a long-valid code of another region was issued more than a day ago, then its state is shown as stale', async () => {
    const res = await recognise(token(suikang, { kind: 'paper', color: 'green', issuedAt: nowSeconds() - 25 * 3600, expiresAt: nowSeconds() + 6 * 86400 }));
    expect(res.body.sources).toEqual([{ source: 'recognised:suikang', color: 'green', asOf: expect.any(String), stale: true }]);
  });

  it.each([
    ['a region not on the trust list', 'UNKNOWN_ISSUER', () => token(stranger)],
    ['a forged signature under a trusted key id', 'BAD_SIGNATURE', () => token(forger)],
    ['a red code altered to green', 'BAD_SIGNATURE', () => alterColour(token(suikang, { color: 'red' }), 'green')],
    ['an expired code', 'CODE_EXPIRED', () => token(suikang, { issuedAt: nowSeconds() - 600, expiresAt: nowSeconds() - 1 })],
    ['something that is not a code', 'INVALID_CODE', () => 'https://example.com/not-a-code'],
  ])('when %s is presented, then 400 %s', async (_case, errorCode, make) => {
    expect(await recognise(make())).toMatchObject({ status: 400, body: { error: { code: errorCode } } });
  });

  it('when our own code is presented, then it verifies as ours', async () => {
    const r = await registerResident(app.url);
    await call(
      app.url,
      'POST',
      '/api/me/checkins',
      { temperature: 'normal', symptoms: [], visitedAreas: [], contact: 'none', address: { district: '110105', detail: '幸福路 1 号' } },
      { token: r.token },
    );
    const qr = (await call(app.url, 'GET', '/api/me/code', undefined, { token: r.token })).body.qr;
    expect((await call(app.url, 'POST', '/api/recognitions', { qr }, { token: r.token })).body).toMatchObject({
      issuer: { own: true },
      color: 'green',
      decidedBy: 'local',
    });
  });

  it('publishes our keys and the issuers we trust, and asks for a session to verify', async () => {
    const list = (await call(app.url, 'GET', '/api/trust-list')).body;
    expect(list).toMatchObject({
      issuer: app.config.codes.issuerId,
      keys: [{ kid: 1, alg: 'Ed25519' }],
      trusted: [{ id: 'suikang', name: '穗康码', keys: [{ kid: 7, publicKey: publicKey(suikang) }] }],
    });
    expect(await call(app.url, 'POST', '/api/recognitions', { qr: token(suikang) })).toMatchObject({ status: 401 });
  });
});
