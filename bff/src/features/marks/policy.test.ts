import type { RoleGrant } from '@yima/shared';
import { describe, expect, it } from 'vitest';
import { authorityDistricts, coveringDistrict, MARK_ACTIONS, markListScope, marksPolicy } from './policy';

const actor = (...grants: RoleGrant[]) => ({ userId: 'u1', grants });
const authority = (district: string): RoleGrant => ({ role: 'authority', scope: district });

describe('who may set and lift a mark', () => {
  it('names its actions', () => {
    expect(MARK_ACTIONS).toEqual(['setMark', 'liftMark', 'listMarks']);
  });

  it.each([
    // who, grants, before the district is known (the route), on 110105 (a district of Beijing)
    ['no grant', actor(), false, false],
    ['the district’s authority', actor(authority('110105')), true, true],
    ['the city’s authority (scope above)', actor(authority('110100')), true, true],
    ['the province’s authority (scope above)', actor(authority('110000')), true, true],
    ['a neighbouring district’s authority (scope out)', actor(authority('110106')), true, false],
    ['another province’s authority (scope out)', actor(authority('120000')), true, false],
    ['an authority of two districts, one covering', actor(authority('120101'), authority('110105')), true, true],
    ['an admin', actor({ role: 'admin', scope: '*' }), true, true],
    ['an operator', actor({ role: 'operator', scope: '*' }), false, false],
    ['venue staff scoped 110105 (wrong role)', actor({ role: 'venue-staff', scope: '110105' }), false, false],
  ])('%s: route %s, mark of 110105 %s', (_who, a, atRoute, onDistrict) => {
    for (const action of MARK_ACTIONS) {
      expect(marksPolicy.can(a, action, { district: null })).toBe(atRoute);
      expect(marksPolicy.can(a, action, { district: '110105' })).toBe(onDistrict);
    }
  });

  it('knows the districts an actor acts for, and the one covering a mark', () => {
    const a = actor(authority('120101'), { role: 'admin', scope: '*' }, authority('110100'));
    expect(authorityDistricts(a)).toEqual(['120101', '110100']);
    expect(coveringDistrict(a, '110105')).toBe('110100');
    expect(coveringDistrict(a, '130105')).toBeUndefined();
    expect(authorityDistricts(actor({ role: 'admin', scope: '*' }))).toEqual([]);
  });

  it('lists the marks of the districts an actor covers: an admin every one', () => {
    expect(markListScope(actor(authority('110105'), authority('120100')))).toEqual(['110105', '1201']);
    expect(markListScope(actor({ role: 'admin', scope: '*' }, authority('110105')))).toBe('all');
    expect(markListScope(actor({ role: 'operator', scope: '' }))).toEqual([]);
  });
});
