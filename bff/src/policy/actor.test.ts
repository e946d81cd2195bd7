import type { RoleGrant } from '@yima/shared';
import { describe, expect, it } from 'vitest';
import { holds, holdsFor, isAdmin, scopesOf } from './actor';
import { definePolicy } from './policy';

const actor = (...grants: RoleGrant[]) => ({ userId: 'u1', grants });
const staffOf = (place: string): RoleGrant => ({ role: 'venue-staff', scope: place });

describe('the grant predicates', () => {
  it.each([
    ['no grant', actor(), false, false, false, []],
    ['staff of v1', actor(staffOf('v1')), false, true, true, ['v1']],
    ['staff of v2', actor(staffOf('v2')), false, true, false, ['v2']],
    ['staff of v2 and v1', actor(staffOf('v2'), staffOf('v1')), false, true, true, ['v2', 'v1']],
    ['admin', actor({ role: 'admin', scope: '*' }), true, false, false, []],
    ['an operator scoped v1', actor({ role: 'operator', scope: 'v1' }), false, false, false, []],
  ])('%s: admin %s, venue staff anywhere %s, staff of v1 %s, staffed %j', (_who, a, admin, anywhere, ofV1, scopes) => {
    expect(isAdmin(a)).toBe(admin);
    expect(holds(a, 'venue-staff')).toBe(anywhere);
    expect(holdsFor(a, 'venue-staff', 'v1')).toBe(ofV1);
    expect(scopesOf(a, 'venue-staff')).toEqual(scopes);
  });
});

describe('a policy', () => {
  const policy = definePolicy<{ read: { owner: string }; write: null }>({
    read: (a, doc) => doc.owner === a.userId,
    write: (a) => isAdmin(a),
  });

  it('lists its actions in the order of its table', () => {
    expect(policy.actions).toEqual(['read', 'write']);
  });

  it('answers each action by its own rule, on the resource given', () => {
    expect(policy.can(actor(), 'read', { owner: 'u1' })).toBe(true);
    expect(policy.can(actor(), 'read', { owner: 'u2' })).toBe(false);
    expect(policy.can(actor(), 'write', null)).toBe(false);
    expect(policy.can(actor({ role: 'admin', scope: '*' }), 'write', null)).toBe(true);
  });
});
