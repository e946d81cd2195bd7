import { describe, expect, it } from 'vitest';
import { gateVerdict } from './color';

describe('the verdict at a place that requires a recent negative test', () => {
  it('lets a green code in only when the requirement is met or there is none', () => {
    expect(gateVerdict('green', null)).toEqual({ allowed: true, code: 'ALLOW', params: {} });
    expect(gateVerdict('green', { hours: 48, met: true })).toEqual({ allowed: true, code: 'ALLOW', params: {} });
    expect(gateVerdict('green', { hours: 48, met: false })).toEqual({ allowed: false, code: 'DENY_TEST_REQUIREMENT', params: { hours: 48 } });
  });

  it('keeps a refusing colour’s own verdict (its guidance), met or not', () => {
    expect(gateVerdict('red', { hours: 24, met: false })).toEqual({ allowed: false, code: 'DENY_RED', params: {} });
    expect(gateVerdict('yellow', { hours: 24, met: true })).toEqual({ allowed: false, code: 'DENY_YELLOW', params: {} });
    expect(gateVerdict('grey', null)).toEqual({ allowed: false, code: 'NO_STATUS', params: {} });
  });
});
