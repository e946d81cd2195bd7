import { createHmac, randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { blindIndexHexer, createPii } from './pii';

const pii = createPii(randomBytes(32), randomBytes(32));

describe('PII sealing', () => {
  it('when a value is sealed and opened, then it comes back unchanged and never appears in the ciphertext', () => {
    const sealed = pii.encrypt('name', '张小三');
    expect(sealed.includes(Buffer.from('张小三'))).toBe(false);
    expect(pii.decrypt('name', sealed)).toBe('张小三');
  });

  it('when the same value is sealed twice, then the ciphertexts differ (random IV)', () => {
    expect(pii.encrypt('phone', '13800138000').equals(pii.encrypt('phone', '13800138000'))).toBe(false);
  });

  it('when one byte of a ciphertext is changed, then opening it fails', () => {
    const sealed = pii.encrypt('id_number', '11010519491231002X');
    sealed[sealed.length - 1] ^= 1;
    expect(() => pii.decrypt('id_number', sealed)).toThrow();
  });

  it('when a ciphertext is moved to another column, then opening it fails', () => {
    expect(() => pii.decrypt('name', pii.encrypt('id_number', '11010519491231002X'))).toThrow();
  });

  it('when a different key is used, then opening fails and the blind index differs', () => {
    const other = createPii(randomBytes(32), randomBytes(32));
    expect(() => other.decrypt('name', pii.encrypt('name', '张三'))).toThrow();
    expect(other.blindIndexHex('phone', '13800138000')).not.toBe(pii.blindIndexHex('phone', '13800138000'));
  });

  it('when the same value is indexed in two fields, then the indexes differ', () => {
    expect(pii.blindIndexHex('phone', '1234')).not.toBe(pii.blindIndexHex('id_number', '1234'));
    expect(pii.blindIndexHex('phone', '1234')).toBe(pii.blindIndexHex('phone', '1234'));
  });

  it('when an index is computed by the feed readers’ hexer or by the sealer, then both are the HMAC-SHA256 of "field\\0value" under the index key', () => {
    const indexKey = randomBytes(32);
    const sealer = createPii(randomBytes(32), indexKey);
    const hexer = blindIndexHexer(indexKey, 'id_number');
    for (const value of ['11010519491231002X', '440103194001011006', '']) {
      const expected = createHmac('sha256', indexKey).update(`id_number\0${value}`).digest('hex');
      expect(hexer(value)).toBe(expected);
      expect(sealer.blindIndexHex('id_number', value)).toBe(expected);
      expect(sealer.blindIndex('id_number', value).toString('hex')).toBe(expected);
    }
  });
});
