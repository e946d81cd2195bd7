import type { RoleGrant } from '@yima/shared';
import { describe, expect, it } from 'vitest';
import { coveringGrid, GRID_ACTIONS, gridsPolicy, workerGrids } from './policy';

const actor = (...grants: RoleGrant[]) => ({ userId: 'u1', grants });
const worker = (grid: string): RoleGrant => ({ role: 'community-worker', scope: grid });

const COMMUNITY = '110105001001';

describe('who may list and view the residents of a grid', () => {
  it('names its actions', () => {
    expect(GRID_ACTIONS).toEqual(['listResidents', 'viewResident']);
  });

  it.each([
    // who, grants, may act on community 110105001001
    ['no grant', actor(), false],
    ['the community’s worker', actor(worker(COMMUNITY)), true],
    ['the street’s worker (scope above)', actor(worker('110105001')), true],
    ['the district’s worker (scope above)', actor(worker('110105')), true],
    ['a neighbouring community’s worker (scope out)', actor(worker('110105001002')), false],
    ['a neighbouring street’s worker (scope out)', actor(worker('110105002')), false],
    ['another district’s worker (scope out)', actor(worker('110106')), false],
    ['a worker of two grids, one covering', actor(worker('120101001'), worker('110105001')), true],
    ['a worker whose grant is not a grid code (a bare prefix)', actor(worker('1101050')), false],
    ['a worker with an empty scope', actor(worker('')), false],
    ['an admin', actor({ role: 'admin', scope: '*' }), true],
    ['an operator', actor({ role: 'operator', scope: '' }), false],
    ['an authority of the district (wrong role)', actor({ role: 'authority', scope: '110105' }), false],
    ['venue staff scoped like the grid (wrong role)', actor({ role: 'venue-staff', scope: COMMUNITY }), false],
  ])('%s: %s', (_who, a, allowed) => {
    for (const action of GRID_ACTIONS) expect(gridsPolicy.can(a, action, { grid: COMMUNITY })).toBe(allowed);
  });

  it('a community’s worker may not act on the street or district above it', () => {
    const a = actor(worker(COMMUNITY));
    for (const action of GRID_ACTIONS) {
      expect(gridsPolicy.can(a, action, { grid: '110105001' })).toBe(false);
      expect(gridsPolicy.can(a, action, { grid: '110105' })).toBe(false);
    }
  });

  it('a malformed grid in the path is nobody’s but an admin’s', () => {
    for (const grid of ['', 'abc', '110105001001/..', '1101050010011']) {
      expect(gridsPolicy.can(actor(worker('110105')), 'listResidents', { grid })).toBe(false);
      expect(gridsPolicy.can(actor({ role: 'admin', scope: '*' }), 'listResidents', { grid })).toBe(true);
    }
  });

  it('knows the grids an actor works for, and the one covering a grid', () => {
    const a = actor(worker('120101001'), { role: 'admin', scope: '*' }, worker('110105'));
    expect(workerGrids(a)).toEqual(['120101001', '110105']);
    expect(coveringGrid(a, COMMUNITY)).toBe('110105');
    expect(coveringGrid(a, '130105001001')).toBeUndefined();
    expect(workerGrids(actor({ role: 'admin', scope: '*' }))).toEqual([]);
  });
});
