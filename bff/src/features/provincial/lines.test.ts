import { describe, expect, it } from 'vitest';
import { checkLine, takenByFastPath } from './lines';

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
