import type { RoleGrant } from '@yima/shared';
import { describe, expect, it } from 'vitest';
import { STATS_ACTIONS, statsPolicy } from './policy';

const actor = (...grants: RoleGrant[]) => ({ userId: 'u1', grants });

describe('who may read the city statistics', () => {
  it('names its actions', () => {
    expect(STATS_ACTIONS).toEqual(['readStats', 'exportStats']);
  });

  it.each([
    // who, grants, [read, export]
    ['no grant (a resident)', actor(), [false, false]],
    ['an operator', actor({ role: 'operator', scope: '*' }), [true, true]],
    ['an admin', actor({ role: 'admin', scope: '*' }), [true, true]],
    ['venue staff', actor({ role: 'venue-staff', scope: 'v1' }), [false, false]],
    ['an authority of a district (no district view: not scoped cleanly)', actor({ role: 'authority', scope: '110105' }), [false, false]],
    ['a community worker', actor({ role: 'community-worker', scope: '110105' }), [false, false]],
    ['staff who is also an operator', actor({ role: 'venue-staff', scope: 'v1' }, { role: 'operator', scope: '*' }), [true, true]],
  ] as const)('%s', (_who, a, [read, exporting]) => {
    expect(statsPolicy.can(a, 'readStats', null)).toBe(read);
    expect(statsPolicy.can(a, 'exportStats', null)).toBe(exporting);
  });
});
