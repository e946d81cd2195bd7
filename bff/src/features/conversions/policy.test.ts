import type { RoleGrant } from '@yima/shared';
import { describe, expect, it } from 'vitest';
import { actingScope, CONVERSION_ACTIONS, conversionsPolicy, districtPattern, type ConversionTarget } from './policy';

const actor = (...grants: RoleGrant[]) => ({ userId: 'u1', grants });
const worker = (grid: string): RoleGrant => ({ role: 'community-worker', scope: grid });
const authority = (district: string): RoleGrant => ({ role: 'authority', scope: district });
const ADMIN: RoleGrant = { role: 'admin', scope: '*' };

const pending: ConversionTarget = { handler: 'community', gridCode: '110105001001', district: null };
const forwarded: ConversionTarget = { handler: 'authority', gridCode: '110105001001', district: '110105' };
const referred: ConversionTarget = { handler: 'provincial', gridCode: '110105001001', district: null };
const noGrid: ConversionTarget = { handler: 'community', gridCode: null, district: null };

describe('who handles a conversion request', () => {
  it('names its actions', () => {
    expect(CONVERSION_ACTIONS).toEqual(['readInbox', 'decideConversion']);
  });

  it.each([
    ['the community’s worker, a pending request', actor(worker('110105001001')), pending, true],
    ['the street’s worker (scope above)', actor(worker('110105001')), pending, true],
    ['a neighbouring street’s worker (scope out)', actor(worker('110105002')), pending, false],
    ['another district’s worker', actor(worker('110106')), pending, false],
    ['the authority of the district, a pending request (the grid’s)', actor(authority('110105')), pending, false],
    ['the authority of the district, a forwarded request', actor(authority('110105')), forwarded, true],
    ['the city’s authority (scope above)', actor(authority('110100')), forwarded, true],
    ['another district’s authority', actor(authority('110106')), forwarded, false],
    ['the grid’s worker, once forwarded', actor(worker('110105')), forwarded, false],
    ['the grid’s worker, a referred request', actor(worker('110105')), referred, false],
    ['a worker, a request of no known grid', actor(worker('110105')), noGrid, false],
    ['an admin, a request of no known grid', actor(ADMIN), noGrid, true],
    ['an admin, any', actor(ADMIN), forwarded, true],
    ['an operator', actor({ role: 'operator', scope: '' }), pending, false],
    ['no grant', actor(), pending, false],
  ])('%s', (_name, who, target, allowed) => {
    expect(conversionsPolicy.can(who, 'decideConversion', target)).toBe(allowed);
  });

  it('opens the inbox to workers, authorities and admins only', () => {
    expect(conversionsPolicy.can(actor(worker('110105')), 'readInbox', null)).toBe(true);
    expect(conversionsPolicy.can(actor(authority('110105')), 'readInbox', null)).toBe(true);
    expect(conversionsPolicy.can(actor(ADMIN), 'readInbox', null)).toBe(true);
    expect(conversionsPolicy.can(actor({ role: 'operator', scope: '' }), 'readInbox', null)).toBe(false);
    expect(conversionsPolicy.can(actor({ role: 'venue-staff', scope: '1' }), 'readInbox', null)).toBe(false);
    expect(conversionsPolicy.can(actor(), 'readInbox', null)).toBe(false);
  });

  it('names the scope acted for', () => {
    expect(actingScope(actor(worker('120101'), worker('110105001')), pending)).toBe('110105001');
    expect(actingScope(actor(ADMIN), pending)).toBeUndefined();
  });

  it('turns a district grant into the pattern of what it covers', () => {
    expect(districtPattern('110105')).toBe('110105');
    expect(districtPattern('110100')).toBe('1101%');
    expect(districtPattern('110000')).toBe('11%');
  });
});
