import type { RoleGrant } from '@yima/shared';
import { describe, expect, it } from 'vitest';
import { RISK_AREA_ACTIONS, riskAreasPolicy } from './policy';

const actor = (...grants: RoleGrant[]) => ({ userId: 'u1', grants });

describe('who may declare a risk area and end one', () => {
  it('names its actions', () => {
    expect(RISK_AREA_ACTIONS).toEqual(['declareRiskArea', 'endRiskArea']);
  });

  it.each([
    ['no grant', actor(), false],
    ['an operator', actor({ role: 'operator', scope: '*' }), true],
    ['an admin', actor({ role: 'admin', scope: '*' }), true],
    ['an authority', actor({ role: 'authority', scope: '110105' }), false],
    ['venue staff', actor({ role: 'venue-staff', scope: 'v1' }), false],
  ])('%s → %s', (_who, a, expected) => {
    expect(riskAreasPolicy.can(a, 'declareRiskArea', null)).toBe(expected);
    expect(riskAreasPolicy.can(a, 'endRiskArea', null)).toBe(expected);
  });
});
