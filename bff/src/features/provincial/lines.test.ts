import { describe, expect, it } from 'vitest';
import { bytesTakenByFastPath, checkLine, checkLineBytes, takenByFastPath } from './lines';

const NOW = new Date('2026-11-22T08:00:00Z');
const line = (over: object = {}) =>
  JSON.stringify({
    idNumber: '11010519491231002X',
    color: 'red',
    reasonCode: 'PROV_X',
    reasonText: '密接',
    setBy: '省平台',
    effectiveAt: '2026-11-22T07:00:00+08:00',
    version: 3,
    ...over,
  });

describe('a provincial feed line', () => {
  it('when well formed, then it is accepted with its ID number normalised', () => {
    const r = checkLine(line({ idNumber: '11010519491231002x' }), 4, NOW);
    expect(r).toEqual({
      ok: true,
      value: {
        line: 4,
        idNumber: '11010519491231002X',
        color: 'red',
        reasonCode: 'PROV_X',
        reasonText: '密接',
        setBy: '省平台',
        effectiveAt: new Date('2026-11-21T23:00:00Z'),
        version: 3,
      },
    });
  });

  it.each([
    ['not JSON', '{"idNumber":', 'INVALID_JSON'],
    ['a JSON array', '[1,2]', 'INVALID_LINE'],
    ['a bad check digit', line({ idNumber: '110105194912310021' }), 'INVALID_ID_NUMBER'],
    ['grey', line({ color: 'grey' }), 'INVALID_COLOR'],
    ['a fractional version', line({ version: 1.5 }), 'INVALID_LINE'],
    ['a version as text', line({ version: '3' }), 'INVALID_LINE'],
    ['a time without zone', line({ effectiveAt: '2026-11-22 07:00:00' }), 'INVALID_LINE'],
    ['a time 6 minutes ahead', line({ effectiveAt: '2026-11-22T08:06:00Z' }), 'FUTURE_EFFECTIVE_AT'],
    ['an unknown field', line({ name: '张三' }), 'INVALID_LINE'],
    ['a missing setBy', line({ setBy: undefined }), 'INVALID_LINE'],
    ['a very long line', line({ reasonText: 'x'.repeat(3000) }), 'LINE_TOO_LONG'],
  ])('when it holds %s, then it is rejected as %s', (_case, text, code) => {
    expect(checkLine(text, 9, NOW)).toMatchObject({ ok: false, line: 9, code });
  });

  it('when the feed clock runs up to 5 minutes ahead, then the line is still accepted', () => {
    expect(checkLine(line({ effectiveAt: '2026-11-22T08:04:59Z' }), 1, NOW).ok).toBe(true);
  });
});

describe('the fast path for well-formed lines', () => {
  it('never accepts a line the zod contract refuses, and takes the lines the generator writes', async () => {
    const fc = (await import('fast-check')).default;
    const { provincialLine } = await import('@yima/shared/contracts/merge');
    const { batchLines } = await import('./batchGenerator');
    for (const l of batchLines({ count: 50, version: 3, effectiveAt: NOW })) expect(takenByFastPath(JSON.parse(l))).toBe(true);
    const text = fc.oneof(
      fc.string({ maxLength: 70 }),
      fc.constantFrom(
        '',
        ' x',
        'x ',
        'PROV_X',
        'a'.repeat(61),
        'A'.repeat(41),
        '2026-11-22T07:00:00+08:00',
        '2026-11-22T07:00:00.123Z',
        '2026-11-22T07:00Z',
        '2026-13-45T99:99:99Z',
        '2026-02-30T00:00:00Z',
        '2026-02-29T00:00:00Z',
        '2024-02-29T00:00:00Z',
        '2026-04-31T10:00:00+08:00',
      ),
    );
    const value = fc.oneof(
      text,
      fc.integer(),
      fc.double(),
      fc.constant(null),
      fc.constant(Number.MAX_SAFE_INTEGER + 2),
      fc.constantFrom('green', 'yellow', 'red', 'grey'),
    );
    const keys = ['idNumber', 'color', 'reasonCode', 'reasonText', 'setBy', 'effectiveAt', 'version', 'extra'];
    // A valid line with one or two fields replaced by odd values, or removed.
    const mutation = fc.record({ key: fc.constantFrom(...keys), value, remove: fc.boolean() });
    let taken = 0;
    fc.assert(
      fc.property(fc.array(mutation, { minLength: 1, maxLength: 2 }), (mutations) => {
        const obj: Record<string, unknown> = JSON.parse(line());
        for (const m of mutations) {
          if (m.remove) delete obj[m.key];
          else obj[m.key] = m.value;
        }
        if (takenByFastPath(obj)) {
          taken++;
          expect(provincialLine.safeParse(obj).success).toBe(true);
        }
      }),
      { numRuns: 5000 },
    );
    expect(taken).toBeGreaterThan(50);
    // A valid object built field by field is taken, so the property above is not vacuous.
    expect(takenByFastPath(JSON.parse(line()))).toBe(true);
  });
});

describe('a line checked from its bytes (the reader threads read files as latin1)', () => {
  const asBytes = (b: Buffer) => b.toString('latin1');
  /** What the line's UTF-8 text gets: null when blank, as the reader skips blank lines. */
  const asText = (b: Buffer) => {
    const text = b.toString('utf8');
    return text.trim() === '' ? null : checkLine(text, 7, NOW);
  };

  it('when well formed with Chinese texts, then it gets the same answer as its text, the texts decoded', () => {
    const b = Buffer.from(line({ reasonText: '省平台：密切接触者', setBy: '广东省健康码平台' }));
    expect(checkLineBytes(asBytes(b), 7, NOW)).toEqual(asText(b));
    expect(checkLineBytes(asBytes(b), 7, NOW)).toMatchObject({ ok: true, value: { reasonText: '省平台：密切接触者', setBy: '广东省健康码平台' } });
  });

  it('when the lines are the generator’s (Chinese texts), then they are taken without decoding the whole line', async () => {
    const { batchLines } = await import('./batchGenerator');
    for (const l of batchLines({ count: 50, version: 3, effectiveAt: NOW })) expect(bytesTakenByFastPath(asBytes(Buffer.from(l.trimEnd())))).toBe(true);
    // And an escaped line is not, even one whose escape spells ASCII: escapes are the whole line's decoder's.
    expect(bytesTakenByFastPath(asBytes(Buffer.from(line().replace('"PROV_X"', '"PROV\\u005fX"'))))).toBe(false);
  });

  it.each([
    ['a blank line of ideographic spaces', Buffer.from('\u3000 \u3000')],
    ['a lone no-break space byte (not UTF-8)', Buffer.from([0xa0])],
    ['a no-break space', Buffer.from('\u00a0')],
    ['an escaped Chinese text', Buffer.from(line({ reasonText: '密接' }).replace('密接', '\\u5bc6\\u63a5'))],
    ['an escaped no-break space around a text', Buffer.from(line().replace('"省平台"', '"\\u00a0省平台"'))],
    ['invalid UTF-8 inside a text', Buffer.concat([Buffer.from(line().split('省平台')[0]), Buffer.from([0xe7, 0x9c]), Buffer.from(line().split('省平台')[1])])],
    ['a Chinese ID number', Buffer.from(line({ idNumber: '一一〇一〇五一九四九一二三一〇〇二X' }))],
    ['full-width digits in the ID number', Buffer.from(line({ idNumber: '１１０１０５１９４９１２３１００２Ｘ' }))],
    ['a Chinese key', Buffer.from(line({ 名字: '张三' }))],
    ['a text over 200 characters of Chinese (600 bytes)', Buffer.from(line({ reasonText: '密'.repeat(201) }))],
    ['a line of 700 Chinese characters (2,100 bytes)', Buffer.from(line({ reasonText: '密'.repeat(700) }))],
    ['a control character in a text', Buffer.from(line({ setBy: '省\u0007平台' }))],
  ])('when it holds %s, then it gets the same answer as its text', (_case, b) => {
    expect(checkLineBytes(asBytes(b), 7, NOW)).toEqual(asText(b));
  });

  it('whatever the bytes, the answer is the one the line’s UTF-8 text gets', async () => {
    const fc = (await import('fast-check')).default;
    const base = Buffer.from(line({ reasonText: '省平台：密切接触者', setBy: '广东省健康码平台' }));
    const mutation = fc.record({
      at: fc.nat({ max: base.length }),
      cut: fc.nat({ max: 4 }),
      insert: fc.oneof(
        fc.uint8Array({ maxLength: 4 }).map((a) => Buffer.from(a)),
        fc.string({ unit: 'binary', maxLength: 6 }).map((s) => Buffer.from(s)),
        fc.constantFrom('\\', '\\u00a0', '"', '\u3000', '\u00a0', ' ', ',"x":1', '密').map((s) => Buffer.from(s)),
      ),
    });
    fc.assert(
      fc.property(fc.array(mutation, { maxLength: 3 }), (mutations) => {
        let b = base;
        for (const m of mutations) b = Buffer.concat([b.subarray(0, m.at), m.insert, b.subarray(Math.min(b.length, m.at + m.cut))]);
        expect(checkLineBytes(asBytes(b), 7, NOW)).toEqual(asText(b));
      }),
      { numRuns: 5000 },
    );
  });
});
