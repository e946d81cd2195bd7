import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { unsafeCharIn } from './text';

describe('unsafeCharIn', () => {
  it('when text is ordinary (CJK, Latin, digits, punctuation, emoji, the middle dot), then it is clean', () => {
    for (const s of ['幸福里小区', '北京市朝阳区幸福路 1 号', "O'Brien · 阿卜杜拉", '🏠 家', '（３号楼）', '']) expect(unsafeCharIn(s)).toBeNull();
  });

  it('when text holds a C0/C1 control, DEL, a bidi override or isolate, a lone surrogate or U+FFFE/U+FFFF, then that character is named', () => {
    const cases: [string, string][] = [
      ['a\u0000b', 'U+0000'],
      ['a\u0007', 'U+0007'],
      ['\u001b[31m', 'U+001B'],
      ['a\u007f', 'U+007F'],
      ['a\u0085', 'U+0085'],
      ['abc\u202edcb', 'U+202E'],
      ['\u2067x', 'U+2067'],
      ['a\ud800b', 'U+D800'],
      ['a\udc00', 'U+DC00'],
      ['\uffff', 'U+FFFF'],
      ['a\tb', 'U+0009'],
      ['a\nb', 'U+000A'],
    ];
    for (const [text, hit] of cases) expect(unsafeCharIn(text)).toBe(hit);
  });

  it('when a multi-line field holds tabs and line feeds, then they are allowed, but not a carriage return or other controls', () => {
    expect(unsafeCharIn('第一行\n\t第二行', { multiline: true })).toBeNull();
    expect(unsafeCharIn('a\r\nb', { multiline: true })).toBe('U+000D');
    expect(unsafeCharIn('a\u000bb', { multiline: true })).toBe('U+000B');
  });

  it('when any text is checked, then it is clean exactly when every code point is outside the refused ranges', () => {
    const refused = (cp: number) =>
      cp <= 0x1f ||
      (cp >= 0x7f && cp <= 0x9f) ||
      (cp >= 0x202a && cp <= 0x202e) ||
      (cp >= 0x2066 && cp <= 0x2069) ||
      (cp >= 0xd800 && cp <= 0xdfff) ||
      cp === 0xfffe ||
      cp === 0xffff;
    // Code points drawn directly, weighted towards the edges of the refused ranges. (fast-check's
    // `unit: 'binary'` strings build a table of every code point on first use: ~0.7 s, which
    // on a loaded CI machine ran past the test timeout.)
    const codePoint = fc.oneof(
      fc.integer({ min: 0, max: 0xff }),
      fc.integer({ min: 0x2020, max: 0x2070 }),
      fc.integer({ min: 0xd7f0, max: 0xe010 }),
      fc.integer({ min: 0xfff0, max: 0xffff }),
      fc.integer({ min: 0, max: 0x10ffff }),
    );
    // Adjacent high + low surrogates join into one astral code point, as in any JS string.
    const text = fc.array(codePoint, { maxLength: 20 }).map((cps) => cps.map((cp) => String.fromCodePoint(cp)).join(''));
    fc.assert(
      fc.property(text, (s) => {
        // Iterating a string by code point yields a lone surrogate as itself.
        const expected = [...s].some((ch) => refused(ch.codePointAt(0)!));
        expect(unsafeCharIn(s) !== null).toBe(expected);
      }),
      { numRuns: 1000 },
    );
  });
});
