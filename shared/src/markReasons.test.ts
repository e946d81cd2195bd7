import { describe, expect, it } from 'vitest';
import { districtCovers, isMarkReason, MARK_REASON_CODES, markReasonText } from './markReasons';

describe('who may lift a mark', () => {
  it.each([
    ['440105', '440105', true],
    ['440100', '440105', true], // the city above the district
    ['440000', '440105', true], // the province above both
    ['440000', '440100', true],
    ['440106', '440105', false], // a neighbouring district
    ['440105', '440100', false], // a district never lifts its city's mark
    ['440100', '450105', false],
    ['450000', '440105', false],
  ])('%s lifting a mark of %s → %s', (holder, setter, expected) => {
    expect(districtCovers(holder, setter)).toBe(expected);
  });
});

describe('the mark reasons list', () => {
  it('holds the six red types of seed 004, each with text and guidance in both languages', () => {
    for (const code of ['HOME_ISOLATION', 'CENTRALISED_ISOLATION', 'CLOSE_CONTACT', 'SUSPECTED_CASE', 'CONFIRMED_CASE', 'POSITIVE_TEST', 'HIGH_RISK_ARRIVAL']) {
      expect(isMarkReason(code)).toBe(true);
      expect(markReasonText(code as never, 'zh').usualColor).toBe('red');
    }
    for (const code of MARK_REASON_CODES) for (const locale of ['zh', 'en'] as const) expect(markReasonText(code, locale).guidance.length).toBeGreaterThan(10);
    expect(isMarkReason('toString')).toBe(false);
  });
});
