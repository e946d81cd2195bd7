/**
 * The one shape of a feature's authorisation policy: a table of actions, each with a pure rule
 * over the actor and the resource the action is on. `can(actor, action, resource)` answers;
 * `actions` lists them (an authorisation-matrix test walks every action × every role).
 * The route chain asks it when the request names the resource (http/access.ts `allow`); a
 * service asks it when the resource must be loaded first (a mark's district).
 */
import type { Actor } from './actor';

/** `R` maps each action to the resource its rule looks at (`null`: the action is on no one
 * thing, as creating a place). */
export type Rules<R extends object> = { readonly [A in keyof R]: (actor: Actor, resource: R[A]) => boolean };

export interface Policy<R extends object> {
  /** Every action of the feature, in the order the table names them. */
  readonly actions: readonly (keyof R & string)[];
  can<A extends keyof R & string>(actor: Actor, action: A, resource: R[A]): boolean;
}

export function definePolicy<R extends object>(rules: Rules<R>): Policy<R> {
  return {
    actions: Object.keys(rules) as (keyof R & string)[],
    can: (actor, action, resource) => rules[action](actor, resource),
  };
}
