import { randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { nobleVerify, verifyToken } from '@yima/shared';
import { createCodeSigner } from './codeSigner';

const NOW = new Date('2026-11-22T08:00:00Z');
const t = NOW.getTime() / 1000;
const fields = { kind: 'screen' as const, color: 'green' as const, holderId: 'a1b2c3d4e5f60718', issuedAt: t, expiresAt: t + 300 };

describe('code signer (node:crypto)', () => {
  it('when it signs, then the pure-JS verifier in shared accepts the token with the published key', () => {
    const signer = createCodeSigner([{ kid: 3, seed: randomBytes(32) }], 3);
    const token = signer.sign(fields);
    const keys = new Map(signer.publicKeys().map((k) => [k.kid, k.publicKey]));
    expect(verifyToken(token, { now: NOW, publicKey: (kid) => keys.get(kid), verify: nobleVerify })).toEqual({ ok: true, fields: { ...fields, kid: 3 } });
    expect(signer.verify(token, NOW).ok).toBe(true);
  });

  it('when keys rotate, then tokens of the old key verify until they expire and new ones use the new key', () => {
    const oldKey = { kid: 1, seed: randomBytes(32) };
    const before = createCodeSigner([oldKey], 1);
    const oldToken = before.sign(fields);
    const after = createCodeSigner([oldKey, { kid: 2, seed: randomBytes(32) }], 2);
    expect(after.verify(oldToken, NOW).ok).toBe(true);
    expect(after.verify(oldToken, new Date((t + 300) * 1000))).toMatchObject({ ok: false, problem: 'expired' });
    expect(after.verify(after.sign(fields), NOW)).toMatchObject({ ok: true, fields: { kid: 2 } });
    const retired = createCodeSigner([{ kid: 2, seed: randomBytes(32) }], 2);
    expect(retired.verify(oldToken, NOW)).toEqual({ ok: false, problem: 'unknownKey' });
  });
});
