import { ed25519 } from '@noble/curves/ed25519.js';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { assembleToken, encodeTokenBody, parseToken, tokenId, verifyToken, type CodeTokenFields } from './codeToken';

const secret = ed25519.utils.randomSecretKey();
const publicKey = ed25519.getPublicKey(secret);
const NOW = new Date('2026-11-22T08:00:00Z');
const nowS = NOW.getTime() / 1000;

function sign(fields: CodeTokenFields, key = secret): string {
  const body = encodeTokenBody(fields);
  return assembleToken(body, ed25519.sign(body, key));
}
const fields = (over: Partial<CodeTokenFields> = {}): CodeTokenFields => ({
  kind: 'screen',
  color: 'green',
  kid: 7,
  holderId: '0123456789abcdef',
  issuedAt: nowS,
  expiresAt: nowS + 300,
  ...over,
});
const keys = (kid: number) => (kid === 7 ? publicKey : undefined);
const check = (token: string, now = NOW) => verifyToken(token, { now, publicKey: keys });

describe('code token', () => {
  it('when a token is made, then it is 129 QR-alphanumeric characters and verifies with its fields', () => {
    const token = sign(fields({ color: 'yellow' }));
    expect(token).toHaveLength(129);
    expect(token).toMatch(/^YM:[0-9A-Z$%*+\-./:]+$/);
    expect(check(token)).toEqual({ ok: true, fields: fields({ color: 'yellow' }) });
  });

  it('when any field combination is encoded, then parsing gives it back (property)', () => {
    fc.assert(
      fc.property(
        fc.record({
          kind: fc.constantFrom('screen' as const, 'paper' as const),
          color: fc.constantFrom('grey' as const, 'green' as const, 'yellow' as const, 'red' as const),
          kid: fc.integer({ min: 0, max: 65535 }),
          holderId: fc.uint8Array({ minLength: 8, maxLength: 8 }).map((b) => Buffer.from(b).toString('hex')),
          issuedAt: fc.integer({ min: 0, max: 2 ** 32 - 1 }),
          expiresAt: fc.integer({ min: 0, max: 2 ** 32 - 1 }),
        }),
        (f) => {
          const parsed = parseToken(assembleToken(encodeTokenBody(f), new Uint8Array(64)));
          expect(parsed.ok && parsed.fields).toEqual(f);
        },
      ),
      { numRuns: 300 },
    );
  });

  it('when any single byte of a signed token is changed, then it is rejected (property)', () => {
    const token = sign(fields());
    const bytes = Buffer.from(token.slice(3));
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 125 }), fc.constantFrom(...'0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ$%*+-./:'), (pos, ch) => {
        fc.pre(String.fromCharCode(bytes[pos]) !== ch);
        const tampered = 'YM:' + token.slice(3, 3 + pos) + ch + token.slice(4 + pos);
        expect(check(tampered).ok).toBe(false);
      }),
      { numRuns: 300 },
    );
  });

  it('when the colour is changed and the signature kept, then it is a bad signature', () => {
    const good = parseToken(sign(fields({ color: 'red' })));
    if (!good.ok) throw new Error('unreachable');
    const forged = assembleToken(encodeTokenBody({ ...good.fields, color: 'green' }), good.signature);
    expect(check(forged)).toEqual({ ok: false, problem: 'badSignature' });
  });

  it('when it expires, then it is rejected at exactly the expiry second and accepted one second before', () => {
    const token = sign(fields());
    expect(check(token, new Date((nowS + 299) * 1000)).ok).toBe(true);
    expect(check(token, new Date((nowS + 300) * 1000))).toMatchObject({ ok: false, problem: 'expired' });
  });

  it('when it was issued more than a minute in the future, then it is not yet valid', () => {
    expect(check(sign(fields({ issuedAt: nowS + 61, expiresAt: nowS + 400 })))).toMatchObject({ ok: false, problem: 'notYetValid' });
    expect(check(sign(fields({ issuedAt: nowS + 60, expiresAt: nowS + 400 }))).ok).toBe(true);
  });

  it('when the key id is unknown, then it is rejected before any signature work', () => {
    expect(check(sign(fields({ kid: 8 })))).toEqual({ ok: false, problem: 'unknownKey' });
  });

  it('when signed by another key under our key id, then it is a bad signature', () => {
    expect(check(sign(fields(), ed25519.utils.randomSecretKey()))).toEqual({ ok: false, problem: 'badSignature' });
  });

  it.each([
    ['not ours', 'https://example.com/'],
    ['no body', 'YM:'],
    ['short', 'YM:000000'],
    ['another version', 'YM:' + '200'.padEnd(126, '0')],
    ['bad characters', 'YM:' + 'a'.repeat(126)],
  ])('when the text is %s, then it is a format or version problem', (_case, text) => {
    const r = check(text);
    expect(r.ok).toBe(false);
    expect(['format', 'version']).toContain(!r.ok && r.problem);
  });

  it('when a scanner adds surrounding whitespace, then the token still verifies', () => {
    expect(check(`  ${sign(fields())}\n`).ok).toBe(true);
  });
});

describe('token ids for revocation lists', () => {
  it('are 16 hex characters, the same for the same token and different for another', async () => {
    const seed = new Uint8Array(32).fill(9);
    const make = (issuedAt: number) => {
      const body = encodeTokenBody({ kind: 'paper', color: 'green', kid: 1, holderId: '0102030405060708', issuedAt, expiresAt: issuedAt + 600 });
      return assembleToken(body, ed25519.sign(body, seed));
    };
    const a = make(1_800_000_000);
    expect(tokenId(a)).toMatch(/^[0-9a-f]{16}$/);
    expect(tokenId(a)).toBe(tokenId(a));
    expect(tokenId(make(1_800_000_001))).not.toBe(tokenId(a));
    expect(tokenId('not a token')).toBeNull();
  });
});
