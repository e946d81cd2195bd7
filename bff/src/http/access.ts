/**
 * The one authorisation helper: every route declares in its chain who may call it, so a route
 * reads as `path, access.…, handler`: anyone; a logged-in session; or a session whose actor a
 * feature's policy allows an action on the resource the request names:
 * `access.can(venuesPolicy, 'printPoster', (req) => ({ venueId: req.params.id }), refuse)`.
 *
 * Grants are read per request (privileged routes are rare), so a revoked role stops working
 * at once. Rules that need a resource loaded first (a paper code's holder, a mark's district)
 * are asked of the same policy by their service, with the actor this puts on ctx.state
 * (docs/decisions/0018-authorisation-policies.md).
 */
import type { Middleware } from 'koa';
import { DomainError, type Role, type RoleGrant } from '@yima/shared';
import type { Actor } from '../policy/actor';
import type { Policy } from '../policy/policy';
import { requireSession, type SessionResolver, type SessionState } from './session';

/** May this actor make this request? `request.params` names the resource of a scoped route. */
export type Rule = (actor: Actor, request: { params: Record<string, string> }) => boolean;

/** Where grants come from (features/roles). */
export interface GrantSource {
  rolesOf(userId: string): Promise<RoleGrant[]>;
}

export interface ActorState extends SessionState {
  /** The session's user and all their grants: what the rule was decided on, for the service. */
  actor: Actor;
}

/** What a route gated by a role tells others (the wording of the former `access.role`). */
export const needsRole = (role: Role) => (): DomainError => new DomainError('FORBIDDEN', `this needs the ${role} role`);

export function createAccess(d: { sessions: SessionResolver; grants: GrantSource }) {
  const session = requireSession(d.sessions);

  /** A session whose actor satisfies `rule`; `refuse` is what others are told (403, or 404 where
   * the resource's existence is not theirs to learn). */
  function allow(rule: Rule, refuse: () => DomainError): Middleware<ActorState> {
    const check: Middleware<ActorState> = async (ctx, next) => {
      const actor: Actor = { userId: ctx.state.session.userId, grants: await d.grants.rolesOf(ctx.state.session.userId) };
      if (!rule(actor, { params: (ctx as { params?: Record<string, string> }).params ?? {} })) throw refuse();
      ctx.state.actor = actor;
      await next();
    };
    return (ctx, next) => session(ctx, () => check(ctx, next));
  }

  /** A session whose actor `policy` lets do `action` on the resource the request names. */
  function can<R extends object, A extends keyof R & string>(
    policy: Policy<R>,
    action: A,
    resource: (request: { params: Record<string, string> }) => R[A],
    refuse: () => DomainError,
  ): Middleware<ActorState> {
    return allow((actor, request) => policy.can(actor, action, resource(request)), refuse);
  }

  return {
    /** Open to anyone: nothing is read. Public data, or a caller authenticated otherwise (the
     * provincial feed signs its requests). */
    anyone: (): Middleware => (_ctx, next) => next(),
    /** A logged-in session: ctx.state.session. */
    session: (): Middleware<SessionState> => session,
    /** A session whose actor a policy's action allows: ctx.state.actor. */
    can,
  };
}

export type Access = ReturnType<typeof createAccess>;
