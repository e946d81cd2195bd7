/**
 * Cross-region recognition (SPEC C4): codes of other regions, in our token format signed
 * with their keys, verified against a trust list from config (TRUSTED_ISSUERS), and our own
 * keys published for them (GET /api/trust-list). A token names only a key id, so the issuer
 * is the one whose key with that id verifies it; key ids of different issuers may collide.
 */
import { createPublicKey, verify, type KeyObject } from 'node:crypto';
import { parseToken, verifyToken, type CodeTokenFields, type ErrorCode } from '@yima/shared';
import type { Config } from '../../config';
import type { CodeSigner } from '../../crypto/codeSigner';

// DER prefix of an SPKI Ed25519 public key; the 32 raw bytes follow (RFC 8410).
const SPKI_ED25519_PREFIX = Buffer.from('302a300506032b6570032100', 'hex');

interface TrustedKey {
  issuer: { id: string; name: string; own: boolean };
  kid: number;
  raw: Uint8Array;
  key: KeyObject;
}

export type Recognition =
  { ok: true; issuer: { id: string; name: string; own: boolean }; fields: CodeTokenFields } | { ok: false; code: ErrorCode; message: string };

export function createTrustList(issuers: Config['trustedIssuers'], signer: CodeSigner, own: { id: string; name: string }) {
  const keys: TrustedKey[] = [];
  for (const k of signer.publicKeys()) {
    keys.push({
      issuer: { ...own, own: true },
      kid: k.kid,
      raw: k.publicKey,
      key: createPublicKey({ key: Buffer.concat([SPKI_ED25519_PREFIX, k.publicKey]), format: 'der', type: 'spki' }),
    });
  }
  for (const issuer of issuers) {
    for (const k of issuer.keys) {
      const raw = new Uint8Array(Buffer.from(k.publicKey, 'base64'));
      keys.push({
        issuer: { id: issuer.id, name: issuer.name, own: false },
        kid: k.kid,
        raw,
        key: createPublicKey({ key: Buffer.concat([SPKI_ED25519_PREFIX, raw]), format: 'der', type: 'spki' }),
      });
    }
  }

  return {
    verify(qr: string, now: Date): Recognition {
      const parsed = parseToken(qr.trim());
      if (!parsed.ok) return { ok: false, code: 'INVALID_CODE', message: 'this is not a health code of a known format' };
      const candidates = keys.filter((k) => k.kid === parsed.fields.kid);
      if (!candidates.length) return { ok: false, code: 'UNKNOWN_ISSUER', message: 'the code was signed by an issuer not on our trust list' };
      let expired = false;
      for (const candidate of candidates) {
        const check = verifyToken(qr.trim(), {
          now,
          publicKey: () => candidate.raw,
          verify: (signature, message) => verify(null, message, candidate.key, signature),
        });
        if (check.ok) return { ok: true, issuer: candidate.issuer, fields: check.fields };
        if (check.problem === 'expired' || check.problem === 'notYetValid') expired = true;
      }
      if (expired) return { ok: false, code: 'CODE_EXPIRED', message: 'the code has expired: ask for a fresh one' };
      return { ok: false, code: 'BAD_SIGNATURE', message: 'the code’s signature does not verify: it was altered or forged' };
    },

    /** Published for scanners and other regions: our keys and the issuers we trust. */
    published(ownId: string) {
      const entry = (k: TrustedKey) => ({ kid: k.kid, alg: 'Ed25519', publicKey: Buffer.from(k.raw).toString('base64') });
      return {
        issuer: ownId,
        keys: keys.filter((k) => k.issuer.own).map(entry),
        trusted: issuers.map((i) => ({ id: i.id, name: i.name, keys: keys.filter((k) => !k.issuer.own && k.issuer.id === i.id).map(entry) })),
      };
    },
  };
}

export type TrustList = ReturnType<typeof createTrustList>;
