/**
 * Who may read the city statistics: operators (city-wide) and admins. Not a district's
 * authority: registrations, check-ins and active people carry no district (only scans do,
 * through their place), so a district's share of them cannot be told apart, and half a view
 * scoped by district would mislead more than it helps (docs/decisions/0020-statistics.md).
 */
import { holds, isAdmin, type Actor } from '../../policy/actor';
import { definePolicy } from '../../policy/policy';

export type StatsResources = {
  readStats: null;
  exportStats: null;
};
export type StatsAction = keyof StatsResources;

const cityWide = (actor: Actor) => isAdmin(actor) || holds(actor, 'operator');

export const statsPolicy = definePolicy<StatsResources>({
  readStats: cityWide,
  exportStats: cityWide,
});

export const STATS_ACTIONS = statsPolicy.actions;
