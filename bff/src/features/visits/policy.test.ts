import type { RoleGrant } from '@yima/shared';
import { describe, expect, it } from 'vitest';
import { staffedPlaces, VISIT_ACTIONS, visitsPolicy } from './policy';

const actor = (...grants: RoleGrant[]) => ({ userId: 'u1', grants });
const staffOf = (place: string): RoleGrant => ({ role: 'venue-staff', scope: place });

describe('who may scan at a place (v1)', () => {
  it('names its actions', () => {
    expect(VISIT_ACTIONS).toEqual(['scan', 'recordUnregistered', 'readShift']);
  });

  it.each([
    ['no grant', actor(), false, []],
    ['staff of v1', actor(staffOf('v1')), true, ['v1']],
    ['staff of v2 (scope out)', actor(staffOf('v2')), false, ['v2']],
    ['staff of v2 and v1', actor(staffOf('v2'), staffOf('v1')), true, ['v2', 'v1']],
    ['an admin (no place listed)', actor({ role: 'admin', scope: '*' }), true, []],
    ['an operator', actor({ role: 'operator', scope: '*' }), false, []],
    ['an authority scoped v1 (wrong role)', actor({ role: 'authority', scope: 'v1' }), false, []],
  ])('%s: scan and record a visitor who is not registered %s, staffed places %j', (_who, a, scan, places) => {
    expect(visitsPolicy.can(a, 'scan', { venueId: 'v1' })).toBe(scan);
    expect(visitsPolicy.can(a, 'recordUnregistered', { venueId: 'v1' })).toBe(scan);
    expect(visitsPolicy.can(a, 'readShift', { venueId: 'v1' })).toBe(scan);
    expect(staffedPlaces(a)).toEqual(places);
  });
});
