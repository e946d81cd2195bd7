/**
 * Personal data at rest (SPEC, Privacy): AES-256-GCM for names, ID numbers and phones, and a
 * keyed HMAC-SHA256 "blind index" so rows can be found by ID number or phone without
 * storing either in the clear. The column name is bound in as associated data, so a
 * ciphertext copied into another column fails to decrypt.
 */
import { createCipheriv, createDecipheriv, createHmac, createSecretKey, randomBytes, type Hmac } from 'node:crypto';

const FORMAT_VERSION = 1;
const IV_BYTES = 12;
const TAG_BYTES = 16;

/** `note`: a free-text note staff write about a person (it may name them). */
export type PiiField = 'name' | 'id_number' | 'phone' | 'note';

export interface Pii {
  encrypt(field: PiiField, plaintext: string): Buffer;
  decrypt(field: PiiField, sealed: Buffer): string;
  /** Deterministic lookup key for a value; the domain keeps phone and ID indexes apart. */
  blindIndex(field: PiiField, value: string): Buffer;
  /** Hex form of blindIndex, for Redis keys (never the value itself). */
  blindIndexHex(field: PiiField, value: string): string;
  /** A keyed hash for other secrets kept briefly (SMS codes); hex. */
  keyedHash(domain: string, value: string): string;
}

/** The blind index of one field as hex, with the key set up once (for a worker thread that
 * needs the index but not the encryption key). Same value as Pii.blindIndexHex. */
export function blindIndexHexer(indexKey: Buffer, field: PiiField): (value: string) => string {
  const mac = keyedMac(indexKey);
  return (value) => mac(field, value).digest('hex');
}

/** HMAC-SHA256 of `domain\0value` under the index key, held as a KeyObject: the key is not
 * copied in for every HMAC (1.6–2.0 µs each against 1.9–2.7 µs with the Buffer, measured here;
 * a million per provincial batch). */
function keyedMac(indexKey: Buffer): (domain: string, value: string) => Hmac {
  const key = createSecretKey(indexKey);
  return (domain, value) => createHmac('sha256', key).update(`${domain}\0${value}`);
}

export function createPii(encryptionKey: Buffer, indexKey: Buffer): Pii {
  const mac = keyedMac(indexKey);
  const blindIndex = (field: PiiField, value: string) => mac(field, value).digest();
  return {
    encrypt(field, plaintext) {
      const iv = randomBytes(IV_BYTES);
      const cipher = createCipheriv('aes-256-gcm', encryptionKey, iv);
      cipher.setAAD(Buffer.from(field));
      const body = Buffer.concat([cipher.update(plaintext, 'utf8'), cipher.final()]);
      return Buffer.concat([Buffer.from([FORMAT_VERSION]), iv, cipher.getAuthTag(), body]);
    },
    decrypt(field, sealed) {
      if (sealed[0] !== FORMAT_VERSION) throw new Error(`unknown PII format ${sealed[0]}`);
      const iv = sealed.subarray(1, 1 + IV_BYTES);
      const tag = sealed.subarray(1 + IV_BYTES, 1 + IV_BYTES + TAG_BYTES);
      const decipher = createDecipheriv('aes-256-gcm', encryptionKey, iv);
      decipher.setAAD(Buffer.from(field));
      decipher.setAuthTag(tag);
      return Buffer.concat([decipher.update(sealed.subarray(1 + IV_BYTES + TAG_BYTES)), decipher.final()]).toString('utf8');
    },
    blindIndex,
    blindIndexHex: (field, value) => mac(field, value).digest('hex'),
    keyedHash: (domain, value) => mac(`x:${domain}`, value).digest('hex'),
  };
}
