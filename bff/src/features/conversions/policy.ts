/**
 * Who handles conversion requests (转码申请, docs/decisions/0022): the community workers of a
 * grid covering the person's (`gridCovers`, as the dashboard), for a request with the grid; the
 * authority of a district covering the mark's (`districtCovers`), for one forwarded there; an
 * admin for any. A request with the provincial hotline is nobody's here but an admin's.
 * The inbox route asks with `null` ("handles some requests"); the service asks again for each
 * request once it is loaded.
 */
import type { ConversionHandler } from '@yima/shared';
import { holds, isAdmin, scopesOf, type Actor } from '../../policy/actor';
import { definePolicy } from '../../policy/policy';
import type { InboxScope } from './conversionsRepo';
import { coveringGrid } from '../grids';
import { coveringDistrict } from '../marks';

/** What a request is, to decide who handles it. */
export interface ConversionTarget {
  handler: ConversionHandler;
  gridCode: string | null;
  district: string | null;
}

export type ConversionResources = {
  readInbox: null;
  decideConversion: ConversionTarget;
};
export type ConversionAction = keyof ConversionResources;

/** The grid or district the actor acts for on this request; undefined when not theirs (an
 * admin acts for none: recorded as admin). */
export function actingScope(actor: Actor, t: ConversionTarget): string | undefined {
  if (t.handler === 'community' && t.gridCode) return coveringGrid(actor, t.gridCode);
  if (t.handler === 'authority' && t.district) return coveringDistrict(actor, t.district);
  return undefined;
}

const handles = (actor: Actor, t: ConversionTarget) => isAdmin(actor) || actingScope(actor, t) !== undefined;

export const conversionsPolicy = definePolicy<ConversionResources>({
  readInbox: (actor) => isAdmin(actor) || holds(actor, 'community-worker') || holds(actor, 'authority'),
  decideConversion: handles,
});

export const CONVERSION_ACTIONS = conversionsPolicy.actions;

/** Which requests an actor's inbox holds: every one for an admin; else those of the grids
 * they are a community worker of and of the districts they are an authority of (as LIKE
 * patterns). The service loads them with this; `decideConversion` checks each again. */
export const inboxScope = (actor: Actor): InboxScope =>
  isAdmin(actor) ? 'all' : { grids: scopesOf(actor, 'community-worker'), districtPatterns: scopesOf(actor, 'authority').map(districtPattern) };

/** A district grant as a `LIKE` pattern of the districts it covers (`districtCovers`: a
 * province `xx0000` covers `xx….`, a city `xxxx00` covers `xxxx..`, a district itself). */
export const districtPattern = (held: string): string =>
  /^\d{2}0000$/.test(held) ? `${held.slice(0, 2)}%` : /^\d{4}00$/.test(held) ? `${held.slice(0, 4)}%` : held;
