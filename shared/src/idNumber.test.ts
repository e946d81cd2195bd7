import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { idCheckChar, idLast4, parseIdNumber } from './idNumber';

const TODAY = '2026-11-22';

/** Builds a valid ID number from its parts, computing the check character. */
function makeId(region: string, birth: string, seq: string): string {
  const first17 = region + birth + seq;
  return first17 + idCheckChar(first17);
}

describe('parseIdNumber', () => {
  it('when the number is the GB 11643 standard example, then it is valid', () => {
    expect(parseIdNumber('11010519491231002X', TODAY)).toEqual({ ok: true, idNumber: '11010519491231002X', birthDate: '1949-12-31' });
  });

  it('when the final x is lower case, then it is accepted and normalised to X', () => {
    const r = parseIdNumber(' 11010519491231002x ', TODAY);
    expect(r).toMatchObject({ ok: true, idNumber: '11010519491231002X' });
  });

  it.each([
    ['17 characters', '1101051949123100', 'format'],
    ['19 characters', '11010519491231002X1', 'format'],
    ['X not last', '1101051949X231002X', 'format'],
    ['letters', 'ABCDEFGHIJKLMNOPQR', 'format'],
    ['province 00', makeId('000000', '19900101', '123'), 'region'],
    ['province 99', makeId('990101', '19900101', '123'), 'region'],
    ['February 30', makeId('110105', '19900230', '123'), 'birthDate'],
    ['month 13', makeId('110105', '19901301', '123'), 'birthDate'],
    ['born tomorrow', makeId('110105', '20261123', '123'), 'birthDate'],
    ['born before 1900', makeId('110105', '18991231', '123'), 'birthDate'],
    ['wrong check digit', '110105194912310021', 'checkDigit'],
  ])('when it has %s, then the problem is reported', (_case, id, problem) => {
    expect(parseIdNumber(id, TODAY)).toEqual({ ok: false, problem });
  });

  it('when born on 29 February of a leap year, then it is valid; of a common year, not', () => {
    expect(parseIdNumber(makeId('440305', '20000229', '001'), TODAY).ok).toBe(true);
    expect(parseIdNumber(makeId('440305', '19000229', '001'), TODAY)).toEqual({ ok: false, problem: 'birthDate' });
  });

  it('when born today, then it is valid (the boundary is inclusive)', () => {
    expect(parseIdNumber(makeId('110105', '20261122', '001'), TODAY).ok).toBe(true);
  });
});

describe('check digit (property)', () => {
  const digits = (n: number) => fc.array(fc.integer({ min: 0, max: 9 }), { minLength: n, maxLength: n }).map((a) => a.join(''));
  const validId = fc
    .record({
      province: fc.integer({ min: 11, max: 82 }),
      rest: digits(4),
      date: fc.date({ min: new Date('1900-01-01T00:00:00Z'), max: new Date('2026-11-22T00:00:00Z'), noInvalidDate: true }),
      seq: digits(3),
    })
    .map(({ province, rest, date, seq }) => makeId(`${province}${rest}`, date.toISOString().slice(0, 10).replace(/-/g, ''), seq));

  it('when an ID is built with its check character, then it always parses', () => {
    fc.assert(fc.property(validId, (id) => parseIdNumber(id, TODAY).ok));
  });

  it('when any one of the first 17 digits changes, then the check digit catches it', () => {
    fc.assert(
      fc.property(validId, fc.integer({ min: 0, max: 16 }), fc.integer({ min: 1, max: 9 }), (id, pos, delta) => {
        const changed = id.slice(0, pos) + ((Number(id[pos]) + delta) % 10) + id.slice(pos + 1);
        const r = parseIdNumber(changed, TODAY);
        return !r.ok;
      }),
    );
  });

  it('when two adjacent distinct digits are swapped, then the check digit catches it', () => {
    fc.assert(
      fc.property(validId, fc.integer({ min: 0, max: 15 }), (id, pos) => {
        fc.pre(id[pos] !== id[pos + 1]);
        const swapped = id.slice(0, pos) + id[pos + 1] + id[pos] + id.slice(pos + 2);
        return idCheckChar(swapped.slice(0, 17)) !== swapped[17];
      }),
    );
  });
});

describe('idLast4', () => {
  it('when the ID ends in x, then the last four are upper-cased', () => {
    expect(idLast4('11010519491231002x')).toBe('002X');
  });
});
