import { ed25519 } from '@noble/curves/ed25519.js';
import { assembleToken, encodeTokenBody, tokenId, type CodeTokenFields } from '@yima/shared';
import { describe, expect, it } from 'vitest';
import { base64ToBytes, compactRevocations, verifyOffline, type CachedTrustList, type OfflineLists, type TrustListAnswer } from './offlineVerify';

const NOW = new Date('2026-11-22T08:00:00Z');
const nowS = NOW.getTime() / 1000;
const b64 = (bytes: Uint8Array) => Buffer.from(bytes).toString('base64');

const ours = ed25519.utils.randomSecretKey();
const oursOld = ed25519.utils.randomSecretKey();
const theirs = ed25519.utils.randomSecretKey();
const stranger = ed25519.utils.randomSecretKey();

const trustList: TrustListAnswer = {
  issuer: 'yima',
  keys: [
    { kid: 1, alg: 'Ed25519', publicKey: b64(ed25519.getPublicKey(oursOld)) },
    { kid: 2, alg: 'Ed25519', publicKey: b64(ed25519.getPublicKey(ours)) },
  ],
  // Another region whose key id collides with ours.
  trusted: [{ id: 'hz', name: '杭州', keys: [{ kid: 2, alg: 'Ed25519', publicKey: b64(ed25519.getPublicKey(theirs)) }] }],
};

function sign(over: Partial<CodeTokenFields> = {}, key = ours): string {
  const body = encodeTokenBody({ kind: 'screen', color: 'green', kid: 2, holderId: '0123456789abcdef', issuedAt: nowS - 30, expiresAt: nowS + 270, ...over });
  return assembleToken(body, ed25519.sign(body, key));
}

const noRevocations = { generatedAt: '2026-11-22T07:00:00.000Z', fetchedAt: '2026-11-22T07:00:05.000Z', entries: [] };
const lists = (over: Partial<OfflineLists> = {}): OfflineLists => ({ trustList, revocations: noRevocations, ...over });

describe('offline verification of a scanned code', () => {
  it('when a fresh green screen code of ours is scanned, then it passes with the colour sealed in it', () => {
    const check = verifyOffline(sign(), lists(), NOW);
    expect(check).toMatchObject({
      ok: true,
      color: 'green',
      allowed: true,
      kind: 'screen',
      tokenKind: 'screen',
      issuer: { id: 'yima', own: true },
      revocationsAsOf: noRevocations.generatedAt,
    });
    expect(check.ok && check.expiresAt.getTime()).toBe((nowS + 270) * 1000);
  });

  it('when the code is yellow, red or grey, then it is not allowed', () => {
    for (const color of ['yellow', 'red', 'grey'] as const)
      expect(verifyOffline(sign({ color }), lists(), NOW)).toMatchObject({ ok: true, color, allowed: false });
  });

  it('when a screen code is minutes old, then it has expired; a paper code lives for days', () => {
    const screen = sign({ issuedAt: nowS - 600, expiresAt: nowS - 300 });
    expect(verifyOffline(screen, lists(), NOW)).toEqual({ ok: false, problem: 'CODE_EXPIRED' });
    const paper = sign({ kind: 'paper', issuedAt: nowS - 3 * 86400, expiresAt: nowS + 4 * 86400 });
    expect(verifyOffline(paper, lists(), NOW)).toMatchObject({ ok: true, kind: 'paper' });
    expect(verifyOffline(paper, lists(), new Date((nowS + 4 * 86400) * 1000))).toEqual({ ok: false, problem: 'CODE_EXPIRED' });
  });

  it('when a token is from the future beyond a minute of skew, then it is refused like an expired one', () => {
    expect(verifyOffline(sign({ issuedAt: nowS + 3600, expiresAt: nowS + 3900 }), lists(), NOW)).toEqual({ ok: false, problem: 'CODE_EXPIRED' });
  });

  it('when a paper code was voided, then the revocation list refuses it', () => {
    const paper = sign({ kind: 'paper', expiresAt: nowS + 7 * 86400 });
    const revocations = compactRevocations(
      {
        issuer: 'yima',
        generatedAt: '2026-11-22T07:59:00.000Z',
        entries: [{ id: tokenId(paper)!, expiresAt: new Date((nowS + 7 * 86400) * 1000).toISOString() }],
      },
      NOW,
    );
    expect(verifyOffline(paper, lists({ revocations }), NOW)).toEqual({ ok: false, problem: 'CODE_REVOKED' });
    // Another paper code of the same holder is not affected.
    expect(verifyOffline(sign({ kind: 'paper', expiresAt: nowS + 7 * 86400 - 1 }), lists({ revocations }), NOW)).toMatchObject({ ok: true });
  });

  it('when a forged or altered token is scanned, then it is a bad signature, never merely expired', () => {
    expect(verifyOffline(sign({}, stranger), lists(), NOW)).toEqual({ ok: false, problem: 'BAD_SIGNATURE' });
    expect(verifyOffline(sign({ expiresAt: nowS - 10, issuedAt: nowS - 300 }, stranger), lists(), NOW)).toEqual({ ok: false, problem: 'BAD_SIGNATURE' });
    const token = sign();
    const altered = token.slice(0, 10) + (token[10] === 'A' ? 'B' : 'A') + token.slice(11);
    expect(verifyOffline(altered, lists(), NOW)).toMatchObject({ ok: false });
    expect(verifyOffline(altered, lists(), NOW)).not.toMatchObject({ problem: 'CODE_EXPIRED' });
  });

  it('when the key id is on no list, then the issuer is unknown', () => {
    expect(verifyOffline(sign({ kid: 9 }), lists(), NOW)).toEqual({ ok: false, problem: 'UNKNOWN_ISSUER' });
  });

  it('when another region signed it with a colliding key id, then its key is tried too and it reads as recognised', () => {
    expect(verifyOffline(sign({ color: 'yellow' }, theirs), lists(), NOW)).toMatchObject({
      ok: true,
      kind: 'recognised',
      color: 'yellow',
      issuer: { id: 'hz', name: '杭州', own: false },
    });
  });

  it('when an older key of ours signed it, then it still verifies', () => {
    expect(verifyOffline(sign({ kid: 1 }, oursOld), lists(), NOW)).toMatchObject({ ok: true, kind: 'screen' });
  });

  it('when the text is not a health code, then it is an invalid code (even with no lists)', () => {
    expect(verifyOffline('https://example.com/', lists(), NOW)).toEqual({ ok: false, problem: 'INVALID_CODE' });
    expect(verifyOffline('YM:!!', { trustList: null, revocations: null }, NOW)).toEqual({ ok: false, problem: 'INVALID_CODE' });
  });

  it('when no trust list was ever downloaded, then a real token cannot be checked', () => {
    expect(verifyOffline(sign(), { trustList: null, revocations: null }, NOW)).toEqual({ ok: false, problem: 'NO_TRUST_LIST' });
  });

  it('when there is no revocation list, then a valid token passes and says so', () => {
    expect(verifyOffline(sign(), lists({ revocations: null }), NOW)).toMatchObject({ ok: true, revocationsAsOf: null });
  });

  it('when scanned text has spaces or a newline around it, then it still verifies', () => {
    expect(verifyOffline(`  ${sign()}\n`, lists(), NOW)).toMatchObject({ ok: true });
  });
});

describe('on-device lists', () => {
  it('when base64 is decoded, then it matches Node’s decoder, padded or not, and refuses junk', () => {
    for (const n of [0, 1, 2, 3, 31, 32, 33]) {
      const bytes = Uint8Array.from({ length: n }, (_, i) => (i * 37 + 11) & 0xff);
      expect(base64ToBytes(b64(bytes))).toEqual(bytes);
      expect(base64ToBytes(b64(bytes).replace(/=+$/, ''))).toEqual(bytes);
    }
    expect(base64ToBytes('ab$d')).toBeNull();
    expect(base64ToBytes('abcde')).toBeNull();
  });

  it('when a revocation list is stored, then entries that have expired anyway are left out', () => {
    const compact = compactRevocations(
      {
        issuer: 'yima',
        generatedAt: '2026-11-22T07:59:00.000Z',
        entries: [
          { id: 'AABBCCDDEEFF0011', expiresAt: '2026-11-25T00:00:00.000Z' },
          { id: '1122334455667788', expiresAt: '2026-11-21T00:00:00.000Z' },
        ],
      },
      NOW,
    );
    expect(compact).toEqual({
      generatedAt: '2026-11-22T07:59:00.000Z',
      fetchedAt: NOW.toISOString(),
      entries: [['aabbccddeeff0011', Date.parse('2026-11-25T00:00:00Z') / 1000]],
    });
  });

  it('when a trust-list key is malformed, then it is ignored rather than failing the check', () => {
    const broken: CachedTrustList = {
      fetchedAt: NOW.toISOString(),
      ...trustList,
      keys: [{ kid: 2, alg: 'Ed25519', publicKey: 'not base64!' }, { kid: 2, alg: 'RSA', publicKey: trustList.keys[1].publicKey }, ...trustList.keys],
    };
    expect(verifyOffline(sign(), lists({ trustList: broken }), NOW)).toMatchObject({ ok: true });
  });
});
