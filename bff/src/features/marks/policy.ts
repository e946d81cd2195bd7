/**
 * Who may set and lift authority marks (SPEC C8): an authority acts for the districts it is
 * granted and those below them (`districtCovers`: a city covers its districts), an admin for
 * any. The district is in the body (set) or on the loaded mark (lift), so the route chain asks
 * with `district: null` — "some district", i.e. an authority anywhere — and markService asks
 * again once it knows the district.
 */
import { districtCovers } from '@yima/shared';
import { holds, isAdmin, scopesOf, type Actor } from '../../policy/actor';
import { definePolicy } from '../../policy/policy';

/** `district`: the mark's district, or `null` before it is known (the route's question). */
export type MarkResources = {
  setMark: { district: string | null };
  liftMark: { district: string | null };
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
});

export const MARK_ACTIONS = marksPolicy.actions;
