import type { RoleGrant } from '@yima/shared';
import { describe, expect, it } from 'vitest';
import { VENUE_ACTIONS, venuesPolicy } from './policy';

const actor = (...grants: RoleGrant[]) => ({ userId: 'u1', grants });
const place = { venueId: 'v1' };

describe('who may do what to a place (v1)', () => {
  it('names its actions', () => {
    expect(VENUE_ACTIONS).toEqual(['listVenues', 'createVenue', 'importVenues', 'updateVenue', 'showRotatingCode', 'printPoster']);
  });

  it.each([
    // who, grants, [create, import, update, rotating code, poster]
    ['no grant', actor(), [false, false, false, false, false]],
    ['an operator', actor({ role: 'operator', scope: '*' }), [true, true, true, true, true]],
    ['an admin', actor({ role: 'admin', scope: '*' }), [true, true, true, true, true]],
    ['staff of v1', actor({ role: 'venue-staff', scope: 'v1' }), [false, false, false, true, true]],
    ['staff of v2 (scope out)', actor({ role: 'venue-staff', scope: 'v2' }), [false, false, false, false, false]],
    ['an authority scoped v1 (wrong role)', actor({ role: 'authority', scope: 'v1' }), [false, false, false, false, false]],
    ['a community worker', actor({ role: 'community-worker', scope: '110105' }), [false, false, false, false, false]],
  ] as const)('%s', (_who, a, [create, importing, update, rotating, poster]) => {
    expect(venuesPolicy.can(a, 'createVenue', null)).toBe(create);
    // Listing the registry goes with creating places: city-wide operators and admins.
    expect(venuesPolicy.can(a, 'listVenues', null)).toBe(create);
    expect(venuesPolicy.can(a, 'importVenues', null)).toBe(importing);
    expect(venuesPolicy.can(a, 'updateVenue', place)).toBe(update);
    expect(venuesPolicy.can(a, 'showRotatingCode', place)).toBe(rotating);
    expect(venuesPolicy.can(a, 'printPoster', place)).toBe(poster);
  });
});
