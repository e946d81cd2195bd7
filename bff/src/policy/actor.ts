/**
 * Who is asking, and the few questions a policy asks of their role grants. These predicates and
 * the features' `policy.ts` are the only code that reads a grant's role: services and routes
 * ask a policy (docs/decisions/0018-authorisation-policies.md; inlineChecks.test.ts keeps it so).
 * No HTTP here: features' services use it as much as the route chain does.
 */
import type { Role, RoleGrant } from '@yima/shared';

/** The account asking and its role grants (read per request, or briefly cached on the scan route). */
export interface Actor {
  userId: string;
  grants: readonly RoleGrant[];
}

/** Admin: city-wide, every role's rule lets them through. */
export const isAdmin = (actor: Actor): boolean => actor.grants.some((g) => g.role === 'admin');

/** Holds `role` for some scope (any district, any place). */
export const holds = (actor: Actor, role: Role): boolean => actor.grants.some((g) => g.role === role);

/** Holds `role` for exactly `scope` (a place id, a district code). */
export const holdsFor = (actor: Actor, role: Role, scope: string): boolean => actor.grants.some((g) => g.role === role && g.scope === scope);

/** The scopes `role` is held for, in grant order. */
export const scopesOf = (actor: Actor, role: Role): string[] => actor.grants.filter((g) => g.role === role).map((g) => g.scope);
