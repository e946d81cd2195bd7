import { describe, expect, it } from 'vitest';
import { checkLine } from './lines';

const NOW = new Date('2026-11-22T08:00:00Z');
const line = (over: object = {}) => JSON.stringify({ idNumber: '11010519491231002X', color: 'red', reasonCode: 'PROV_X', reasonText: '密接', setBy: '省平台', effectiveAt: '2026-11-22T07:00:00+08:00', version: 3, ...over });

describe('a provincial feed line', () => {
  it('when well formed, then it is accepted with its ID number normalised', () => {
    const r = checkLine(line({ idNumber: '11010519491231002x' }), 4, NOW);
    expect(r).toEqual({ ok: true, value: { line: 4, idNumber: '11010519491231002X', color: 'red', reasonCode: 'PROV_X', reasonText: '密接', setBy: '省平台', effectiveAt: new Date('2026-11-21T23:00:00Z'), version: 3 } });
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
