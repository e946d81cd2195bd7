/**
 * Who may set and lift authority marks (SPEC C8): an authority acts for the districts it is
 * granted and those below them (`districtCovers`: a city covers its districts), an admin for
 * any; the list of marks shows the same districts. The district is in the body (set) or on the
 * loaded mark (lift), so the route chain asks
 * with `district: null` — "some district", i.e. an authority anywhere — and markService asks
 * again once it knows the district.
 */
import { districtCovers, districtScopePrefix } from '@yima/shared';
import { holds, isAdmin, scopesOf, type Actor } from '../../policy/actor';
import { definePolicy } from '../../policy/policy';

/** `district`: the mark's district, or `null` before it is known (the route's question). */
export type MarkResources = {
  setMark: { district: string | null };
  liftMark: { district: string | null };
  /** Reading the marks of a district (the operator pages' list, so marks can be lifted there). */
  listMarks: { district: string | null };
};
export type MarkAction = keyof MarkResources;

/** The districts this actor is an authority for, in grant order. */
export const authorityDistricts = (actor: Actor): string[] => scopesOf(actor, 'authority');

/** The first district this actor is an authority for that covers `district` (the one it acts for). */
export const coveringDistrict = (actor: Actor, district: string): string | undefined =>
  authorityDistricts(actor).find((held) => districtCovers(held, district));

const actsFor = (actor: Actor, on: { district: string | null }) =>
  isAdmin(actor) || (on.district === null ? holds(actor, 'authority') : coveringDistrict(actor, on.district) !== undefined);

export const marksPolicy = definePolicy<MarkResources>({
  setMark: actsFor,
  liftMark: actsFor,
  listMarks: actsFor,
});

/** What a mark list may show this actor: every district (`all`, an admin), or those that begin
 * with one of these prefixes (the districts its grants cover, as `districtCovers` says). */
export const markListScope = (actor: Actor): 'all' | string[] => (isAdmin(actor) ? 'all' : authorityDistricts(actor).map(districtScopePrefix));

export const MARK_ACTIONS = marksPolicy.actions;
