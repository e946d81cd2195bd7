/**
 * Text encoding for QR codes: the RFC 9285 (Base45) scheme — 2 bytes → 3 characters,
 * 1 byte → 2 — over the QR alphanumeric alphabet *without the space*. Base45 proper uses the
 * space as a digit, and scanners (and people pasting) trim spaces at the ends, which would
 * corrupt a token; 44 symbols still cover 65,536 values in three characters (44³ = 85,184).
 * Every character stays in QR alphanumeric mode, so the QR stays small.
 */
export const BASE44_ALPHABET = '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ$%*+-./:';
const BASE = 44;
/** Digit values by character code (-1: not a digit): every online scan decodes a token, and a
 * table read by charCodeAt costs far less than a Map lookup of a one-character slice. */
const VALUE = new Int8Array(128).fill(-1);
for (let i = 0; i < BASE44_ALPHABET.length; i++) VALUE[BASE44_ALPHABET.charCodeAt(i)] = i;

export function base44Encode(bytes: Uint8Array): string {
  let out = '';
  for (let i = 0; i + 1 < bytes.length; i += 2) {
    let n = bytes[i] * 256 + bytes[i + 1];
    for (let k = 0; k < 3; k++) {
      out += BASE44_ALPHABET[n % BASE];
      n = Math.floor(n / BASE);
    }
  }
  if (bytes.length % 2 === 1) {
    const n = bytes[bytes.length - 1];
    out += BASE44_ALPHABET[n % BASE] + BASE44_ALPHABET[Math.floor(n / BASE)];
  }
  return out;
}

/** Decodes, or returns null for text that no byte string encodes to. */
export function base44Decode(text: string): Uint8Array | null {
  if (text.length % 3 === 1) return null;
  const out = new Uint8Array(Math.floor(text.length / 3) * 2 + (text.length % 3 === 2 ? 1 : 0));
  let o = 0;
  for (let i = 0; i < text.length; i += 3) {
    const groupLength = Math.min(3, text.length - i);
    let n = 0;
    for (let k = groupLength - 1; k >= 0; k--) {
      const c = text.charCodeAt(i + k);
      const v = c < 128 ? VALUE[c] : -1;
      if (v < 0) return null;
      n = n * BASE + v;
    }
    if (groupLength === 3) {
      if (n > 0xffff) return null;
      out[o++] = n >> 8;
      out[o++] = n & 0xff;
    } else {
      if (n > 0xff) return null;
      out[o++] = n;
    }
  }
  return out;
}
