import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { BASE44_ALPHABET, base44Decode, base44Encode } from './base44';

describe('base44', () => {
  it('when encoding, then 2 bytes become 3 characters and a last odd byte 2', () => {
    expect(base44Encode(new Uint8Array([0, 0]))).toBe('000');
    expect(base44Encode(new Uint8Array([255, 255]))).toHaveLength(3);
    expect(base44Encode(new Uint8Array([1, 2, 3]))).toHaveLength(5);
  });

  it('when any bytes are encoded, then decoding gives them back and only QR alphanumeric characters without space appear', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 200 }), (bytes) => {
        const text = base44Encode(bytes);
        expect(text).toMatch(/^[0-9A-Z$%*+\-./:]*$/);
        expect(text.length).toBe(Math.floor(bytes.length / 2) * 3 + (bytes.length % 2) * 2);
        expect(base44Decode(text)).toEqual(bytes);
      }),
    );
  });

  it.each([
    ['a length of 3k+1', 'ABCD'],
    ['a lower-case letter', 'ab0'],
    ['a space', '0 0'],
    ['a group above 65535', '::::'.slice(0, 3)],
    ['a pair above 255', '::'],
  ])('when the text has %s, then it does not decode', (_case, text) => {
    expect(base44Decode(text)).toBeNull();
  });

  it('when the alphabet is checked, then it has 44 distinct symbols', () => {
    expect(new Set(BASE44_ALPHABET).size).toBe(44);
  });
});
