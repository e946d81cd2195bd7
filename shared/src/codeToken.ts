/**
 * The QR token: compact, signed, no personal data. Layout (20 bytes, then a 64-byte Ed25519
 * signature over them), written as "YM:" + base44 — 129 characters, a version-6 QR at
 * error-correction M:
 *
 *   0      version (1)
 *   1      bits 0–1 kind (0 screen, 1 paper), bits 2–3 colour at issue (COLORS index)
 *   2–3    key id (uint16, big-endian): which issuer key signed it (trust list)
 *   4–11   holder id: 8 random bytes the BFF maps to a person; meaningless elsewhere
 *   12–15  issued at (unix seconds, uint32)
 *   16–19  expires at (unix seconds, uint32)
 *
 * Verification is pure: pass the public key lookup and `now`. The default verifier is
 * @noble/curves (runs in mini-programs); the BFF passes node:crypto's, which is faster.
 */
import { ed25519 } from '@noble/curves/ed25519.js';
import { sha256 } from '@noble/hashes/sha2.js';
import { base44Decode, base44Encode } from './base44';
import { COLORS, type Color } from './color';

export const TOKEN_PREFIX = 'YM:';
export const TOKEN_VERSION = 1;
const BODY_BYTES = 20;
const SIGNATURE_BYTES = 64;
export const HOLDER_ID_BYTES = 8;
const KINDS = ['screen', 'paper'] as const;
export type TokenKind = (typeof KINDS)[number];

export interface CodeTokenFields {
  kind: TokenKind;
  color: Color;
  kid: number;
  /** Hex of the 8-byte holder id. */
  holderId: string;
  issuedAt: number;
  expiresAt: number;
}

export type TokenProblem = 'format' | 'version' | 'unknownKey' | 'badSignature' | 'expired' | 'notYetValid';
export type TokenCheck = { ok: true; fields: CodeTokenFields } | { ok: false; problem: TokenProblem; fields?: CodeTokenFields };

export type Verifier = (signature: Uint8Array, message: Uint8Array, publicKey: Uint8Array) => boolean;
export const nobleVerify: Verifier = (signature, message, publicKey) => {
  try {
    return ed25519.verify(signature, message, publicKey);
  } catch {
    return false;
  }
};

const hexToBytes = (hex: string) => Uint8Array.from(hex.match(/../g) ?? [], (h) => parseInt(h, 16));
const bytesToHex = (bytes: Uint8Array) => Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('');

/** The 20 bytes that get signed. */
export function encodeTokenBody(f: CodeTokenFields): Uint8Array {
  const holder = hexToBytes(f.holderId);
  if (holder.length !== HOLDER_ID_BYTES) throw new Error('holderId must be 8 bytes of hex');
  const body = new Uint8Array(BODY_BYTES);
  const view = new DataView(body.buffer);
  body[0] = TOKEN_VERSION;
  body[1] = KINDS.indexOf(f.kind) | (COLORS.indexOf(f.color) << 2);
  view.setUint16(2, f.kid);
  body.set(holder, 4);
  view.setUint32(12, f.issuedAt);
  view.setUint32(16, f.expiresAt);
  return body;
}

export function assembleToken(body: Uint8Array, signature: Uint8Array): string {
  const all = new Uint8Array(body.length + signature.length);
  all.set(body);
  all.set(signature, body.length);
  return TOKEN_PREFIX + base44Encode(all);
}

/** Splits a token into fields, signed bytes and signature, checking only the format. */
export function parseToken(
  text: string,
): { ok: true; fields: CodeTokenFields; body: Uint8Array; signature: Uint8Array } | { ok: false; problem: 'format' | 'version' } {
  const trimmed = text.trim();
  if (!trimmed.startsWith(TOKEN_PREFIX)) return { ok: false, problem: 'format' };
  const bytes = base44Decode(trimmed.slice(TOKEN_PREFIX.length));
  if (!bytes || bytes.length < 1) return { ok: false, problem: 'format' };
  if (bytes[0] !== TOKEN_VERSION) return { ok: false, problem: 'version' };
  if (bytes.length !== BODY_BYTES + SIGNATURE_BYTES) return { ok: false, problem: 'format' };
  const body = bytes.subarray(0, BODY_BYTES);
  const view = new DataView(body.buffer, body.byteOffset, BODY_BYTES);
  const kind = KINDS[body[1] & 0b11];
  const color = COLORS[(body[1] >> 2) & 0b11];
  if (!kind || (body[1] & 0xf0) !== 0) return { ok: false, problem: 'format' };
  const fields: CodeTokenFields = {
    kind,
    color,
    kid: view.getUint16(2),
    holderId: bytesToHex(body.subarray(4, 12)),
    issuedAt: view.getUint32(12),
    expiresAt: view.getUint32(16),
  };
  return { ok: true, fields, body, signature: bytes.subarray(BODY_BYTES) };
}

export interface VerifyOptions {
  now: Date;
  publicKey: (kid: number) => Uint8Array | undefined;
  verify?: Verifier;
  /** Tolerated clock difference between issuer and verifier. */
  skewSeconds?: number;
}

/** Format, key, signature, then time — in that order, so a forged token never reads as "expired". */
export function verifyToken(text: string, options: VerifyOptions): TokenCheck {
  const parsed = parseToken(text);
  if (!parsed.ok) return parsed;
  const key = options.publicKey(parsed.fields.kid);
  if (!key) return { ok: false, problem: 'unknownKey' };
  if (!(options.verify ?? nobleVerify)(parsed.signature, parsed.body, key)) return { ok: false, problem: 'badSignature' };
  const now = Math.floor(options.now.getTime() / 1000);
  const skew = options.skewSeconds ?? 60;
  if (parsed.fields.issuedAt > now + skew) return { ok: false, problem: 'notYetValid', fields: parsed.fields };
  if (parsed.fields.expiresAt <= now) return { ok: false, problem: 'expired', fields: parsed.fields };
  return { ok: true, fields: parsed.fields };
}

/** A token's id for revocation lists: the first 8 bytes of SHA-256 over its signed body, hex.
 * Scanners verifying offline compute it the same way; the list never names a person. */
export function tokenId(text: string): string | null {
  const parsed = parseToken(text);
  if (!parsed.ok) return null;
  return bytesToHex(sha256(parsed.body).subarray(0, 8));
}
