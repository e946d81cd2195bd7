import type { RoleGrant } from '@yima/shared';
import { describe, expect, it } from 'vitest';
import { GRANT_ACTIONS, grantsPolicy } from './policy';

const actor = (...grants: RoleGrant[]) => ({ userId: 'u1', grants });

describe('who may see and change role grants', () => {
  it('names its actions', () => {
    expect(GRANT_ACTIONS).toEqual(['listGrants', 'grantRole', 'revokeRole']);
  });

  it.each([
    ['no grant', actor(), false],
    ['an operator', actor({ role: 'operator', scope: '' }), false],
    ['an authority', actor({ role: 'authority', scope: '110105' }), false],
    ['a community worker', actor({ role: 'community-worker', scope: '110105' }), false],
    ['venue staff', actor({ role: 'venue-staff', scope: '1' }), false],
    ['an admin', actor({ role: 'admin', scope: '' }), true],
  ])('%s: lists, grants and revokes operator → %s', (_who, a, expected) => {
    expect(grantsPolicy.can(a, 'listGrants', null)).toBe(expected);
    for (const action of ['grantRole', 'revokeRole'] as const) {
      expect(grantsPolicy.can(a, action, { role: null })).toBe(expected);
      expect(grantsPolicy.can(a, action, { role: 'operator' })).toBe(expected);
    }
  });

  it('leaves admin to the command line, even for an admin', () => {
    const admin = actor({ role: 'admin', scope: '' });
    expect(grantsPolicy.can(admin, 'grantRole', { role: 'admin' })).toBe(false);
    expect(grantsPolicy.can(admin, 'revokeRole', { role: 'admin' })).toBe(false);
  });
});
