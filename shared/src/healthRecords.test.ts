import { describe, expect, it } from 'vitest';
import { testBadge, testBadgeChangesAt, testRequirementVerdict } from './healthRecords';

const H = 3_600_000;
const now = Date.parse('2026-11-26T12:00:00Z');

describe('the test badge', () => {
  it.each([
    [0, '24h'],
    [24, '24h'],
    [24.01, '48h'],
    [48, '48h'],
    [71.9, '72h'],
    [72.5, '7d'],
    [168, '7d'],
    [168.01, null],
    [400, null],
  ])('%s hours after sampling shows %s', (hours, badge) => {
    expect(testBadge(now - hours * H, now)).toBe(badge);
  });

  it('counts a sample time ahead of our clock as now', () => {
    expect(testBadge(now + 5 * 60_000, now)).toBe('24h');
  });

  it('says when the badge changes next, and that nothing changes after 7 days', () => {
    const sampled = now - 30 * H;
    const at = testBadgeChangesAt(sampled, now)!;
    expect(testBadge(sampled, at - 1)).toBe('48h');
    expect(testBadge(sampled, at)).toBe('72h');
    expect(testBadgeChangesAt(now - 200 * H, now)).toBeNull();
  });
});

describe("a place's test requirement", () => {
  it('is met by a negative sample within the hours, and not by an older one', () => {
    expect(testRequirementVerdict({ result: 'negative', sampledAtMs: now - 47 * H }, 48, now)).toBe('MET');
    expect(testRequirementVerdict({ result: 'negative', sampledAtMs: now - 49 * H }, 48, now)).toBe('TOO_OLD');
  });

  it('is not met without a result, nor by a positive one however recent', () => {
    expect(testRequirementVerdict(null, 48, now)).toBe('NO_RESULT');
    expect(testRequirementVerdict({ result: 'positive', sampledAtMs: now - H }, 48, now)).toBe('POSITIVE');
  });
});
