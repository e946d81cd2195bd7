import { describe, expect, it } from 'vitest';
import { districtCovers, districtScopePrefix, isMarkReason, MARK_REASON_CODES, MARK_REASONS } from './markReasons';

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
    // The prefix a mark list filters by says the same (GET /api/marks).
    expect(setter.startsWith(districtScopePrefix(holder))).toBe(expected);
  });
});

describe('the mark reasons list', () => {
  it('holds the red types of seed 004 as red, the other measures as yellow, and nothing inherited', () => {
    for (const code of ['HOME_ISOLATION', 'CENTRALISED_ISOLATION', 'CLOSE_CONTACT', 'SUSPECTED_CASE', 'CONFIRMED_CASE', 'POSITIVE_TEST', 'HIGH_RISK_ARRIVAL']) {
      expect(isMarkReason(code)).toBe(true);
      expect(MARK_REASONS[code as keyof typeof MARK_REASONS].usualColor).toBe('red');
    }
    expect(MARK_REASON_CODES.filter((c) => MARK_REASONS[c].usualColor === 'yellow').sort()).toEqual([
      'HEALTH_MONITORING',
      'MEDIUM_RISK_ARRIVAL',
      'SECONDARY_CONTACT',
    ]);
    expect(isMarkReason('toString')).toBe(false);
  });
});
