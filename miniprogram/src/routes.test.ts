import { describe, expect, it } from 'vitest';
import {
  afterLoginPage,
  afterPrivacyPage,
  HOME_PAGE,
  privacyPage,
  auditPage,
  checkinPage,
  codePage,
  dependentParam,
  pageParam,
  paperPage,
  placeScreenPage,
  rememberPendingPlace,
  visitPage,
} from './routes';

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

  it('when a place code is given, then the visit page carries it as p', () => {
    expect(visitPage('Ab3dE5gH9k')).toBe('/pages/visit/index?p=Ab3dE5gH9k');
  });

  it('when a place screen is opened, then the venue id travels as venueId and comes back unchanged', () => {
    expect(placeScreenPage('v 1/2')).toBe('/pages/staff/placeScreen/index?venueId=v%201%2F2');
    expect(pageParam({ venueId: 'v%201%2F2' }, 'venueId')).toBe('v 1/2');
    expect(pageParam({}, 'venueId')).toBeNull();
  });

  it('when a logged-out resident scanned a place, then login leads back to it once, else home', () => {
    expect(afterLoginPage()).toBe('/pages/home/index');
    rememberPendingPlace('Ab3dE5gH9k');
    expect(afterLoginPage()).toBe('/pages/visit/index?p=Ab3dE5gH9k');
    expect(afterLoginPage()).toBe('/pages/home/index');
  });
});

describe('after the privacy notice', () => {
  it('when next is a page of this app, then there; another site, a protocol, the notice itself or nothing, then home', () => {
    expect(afterPrivacyPage({ next: encodeURIComponent('/pages/register/index') })).toBe('/pages/register/index');
    expect(afterPrivacyPage({ next: encodeURIComponent('/pages/visit/index?p=ABCDE12345') })).toBe('/pages/visit/index?p=ABCDE12345');
    for (const next of ['https://evil.example/', '//evil.example/pages/home/index', 'javascript:alert(1)', '/pages/privacy/index', '/pages/../x', '']) {
      expect(afterPrivacyPage({ next: encodeURIComponent(next) })).toBe(HOME_PAGE);
    }
    expect(afterPrivacyPage({})).toBe(HOME_PAGE);
    expect(privacyPage('/pages/home/index')).toBe('/pages/privacy/index?next=%2Fpages%2Fhome%2Findex');
  });
});
