import { describe, expect, it } from 'vitest';
import { auditPage, checkinPage, codePage, dependentParam, paperPage } from './routes';

describe('page addresses', () => {
  it('when there is no dependent, then the pages are the resident’s own', () => {
    expect(codePage()).toBe('/pages/code/index');
    expect(paperPage(null)).toBe('/pages/paper/index');
    expect(checkinPage(null, true)).toBe('/pages/checkin/index?from=code');
  });

  it('when a dependent is given, then its id travels as a parameter and comes back unchanged', () => {
    expect(auditPage('d 1/2')).toBe('/pages/audit/index?dependentId=d%201%2F2');
    expect(checkinPage('42', true)).toBe('/pages/checkin/index?dependentId=42&from=code');
    expect(dependentParam({ dependentId: 'd%201%2F2' })).toBe('d 1/2');
    expect(dependentParam({ dependentId: '42' })).toBe('42');
    expect(dependentParam({})).toBeNull();
  });
});
