import { describe, expect, it } from 'vitest';
import { checkNucleicAcidLine, checkVaccinationLine, lineClock } from './lines';

// 23:30 in China on 22 November: "today" there is the 22nd, in UTC too; 16:30 UTC.
const CLOCK = lineClock(new Date('2026-11-22T15:30:00Z'));
const result = (over: object = {}) =>
  JSON.stringify({
    idNumber: '11010519491231002x',
    sampleId: 'GZ-2026-0001',
    sampledAt: '2026-11-21T09:00:00+08:00',
    result: 'negative',
    institution: '越秀区人民医院采样点',
    lab: '广州金域医学检验中心',
    reportedAt: '2026-11-21T20:00:00+08:00',
    region: '广州市',
    version: 2,
    ...over,
  });
const dose = (over: object = {}) =>
  JSON.stringify({
    idNumber: '11010519491231002X',
    dose: 3,
    date: '2022-01-15',
    product: '科兴新冠灭活疫苗',
    site: '越秀区接种点',
    region: '广州市',
    version: 1,
    ...over,
  });

const codeOf = (r: { ok: boolean; code?: string }) => (r.ok ? 'ok' : r.code);

describe('a nucleic-acid feed line', () => {
  it('when well formed, then it is accepted with its ID number normalised and its times parsed', () => {
    expect(checkNucleicAcidLine(result(), 7, CLOCK)).toEqual({
      ok: true,
      value: {
        idNumber: '11010519491231002X',
        sampleId: 'GZ-2026-0001',
        sampledAt: new Date('2026-11-21T01:00:00Z'),
        result: 'negative',
        institution: '越秀区人民医院采样点',
        lab: '广州金域医学检验中心',
        reportedAt: new Date('2026-11-21T12:00:00Z'),
        region: '广州市',
        version: 2,
      },
    });
  });

  it.each([
    ['not JSON', '{"idNumber":', 'INVALID_JSON'],
    ['a wrong check character', result({ idNumber: '110105194912310021' }), 'INVALID_ID_NUMBER'],
    ['a birth date after today', result({ idNumber: '110105203001010015' }), 'INVALID_ID_NUMBER'],
    ['a result that is neither', result({ result: 'inconclusive' }), 'INVALID_RESULT'],
    ['a sample id with a space', result({ sampleId: 'GZ 1' }), 'INVALID_LINE'],
    ['a time without its offset', result({ sampledAt: '2026-11-21T09:00:00' }), 'INVALID_LINE'],
    ['version 0', result({ version: 0 }), 'INVALID_LINE'],
    ['an unknown field', result({ lab2: 'x' }), 'INVALID_LINE'],
    ['a control character in a name', result({ lab: 'lab\u0007' }), 'INVALID_CHARACTERS'],
    ['a sample 6 minutes ahead of our clock', result({ sampledAt: '2026-11-22T15:36:00Z', reportedAt: '2026-11-22T15:36:00Z' }), 'FUTURE_SAMPLED_AT'],
    ['a report 6 minutes ahead', result({ reportedAt: '2026-11-22T15:36:00Z' }), 'FUTURE_REPORTED_AT'],
    ['a report before its sample', result({ reportedAt: '2026-11-21T08:59:59+08:00' }), 'REPORTED_BEFORE_SAMPLED'],
    ['a line over 2 048 characters', result({ lab: 'x'.repeat(2100) }), 'LINE_TOO_LONG'],
  ])('when it has %s, then it is refused with its code and line number', (_name, text, code) => {
    const r = checkNucleicAcidLine(text, 12, CLOCK);
    expect(r).toMatchObject({ ok: false, line: 12, code });
  });

  it('when a time is less than 5 minutes ahead (a sender clock a little fast), or the report is at the sample time, then it is accepted', () => {
    expect(codeOf(checkNucleicAcidLine(result({ sampledAt: '2026-11-22T15:34:00Z', reportedAt: '2026-11-22T15:34:59Z' }), 1, CLOCK))).toBe('ok');
    expect(codeOf(checkNucleicAcidLine(result({ reportedAt: '2026-11-21T09:00:00+08:00' }), 1, CLOCK))).toBe('ok');
  });
});

describe('a vaccination feed line', () => {
  it('when well formed, then it is accepted', () => {
    expect(checkVaccinationLine(dose(), 1, CLOCK)).toEqual({
      ok: true,
      value: {
        idNumber: '11010519491231002X',
        dose: 3,
        givenOn: '2022-01-15',
        product: '科兴新冠灭活疫苗',
        site: '越秀区接种点',
        region: '广州市',
        version: 1,
      },
    });
  });

  it('when its date is today in China, then it is accepted, even while UTC is still on the day before; a later date is refused', () => {
    expect(codeOf(checkVaccinationLine(dose({ date: '2026-11-22' }), 1, CLOCK))).toBe('ok');
    expect(codeOf(checkVaccinationLine(dose({ date: '2026-11-23' }), 1, CLOCK))).toBe('FUTURE_VACCINATION_DATE');
    // 16:30 UTC on the 22nd is 00:30 on the 23rd in China: the 23rd is today.
    const lateUtc = lineClock(new Date('2026-11-22T16:30:00Z'));
    expect(codeOf(checkVaccinationLine(dose({ date: '2026-11-23' }), 1, lateUtc))).toBe('ok');
    expect(codeOf(checkVaccinationLine(dose({ date: '2026-11-24' }), 1, lateUtc))).toBe('FUTURE_VACCINATION_DATE');
  });

  it.each([
    ['dose 0', dose({ dose: 0 }), 'INVALID_LINE'],
    ['dose 11', dose({ dose: 11 }), 'INVALID_LINE'],
    ['an impossible date', dose({ date: '2022-02-30' }), 'INVALID_LINE'],
    ['an invalid ID number', dose({ idNumber: '12345' }), 'INVALID_ID_NUMBER'],
  ])('when it has %s, then it is refused', (_name, text, code) => {
    expect(checkVaccinationLine(text, 3, CLOCK)).toMatchObject({ ok: false, line: 3, code });
  });
});
