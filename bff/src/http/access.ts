/**
 * The one authorisation helper: every route declares in its chain who may call it, so a route
 * reads as `path, access.…, handler`. Today's rules: anyone; a logged-in session; a session
 * whose role grants satisfy a rule (a role, or a role scoped to what the request names).
 * A feature's later policy table — `can(actor, action, resource)` — plugs in as a `Rule`:
 * `access.allow((actor, ctx) => can(actor, 'print', ctx.params.id))`.
 *
 * Grants are read per request (privileged routes are rare), so a revoked role stops working
 * at once. Rules that need a resource loaded first (a paper code's holder, a mark's district)
 * stay in their service, which receives the actor's grants.
 */
import type { Middleware } from 'koa';
import { DomainError, type Role, type RoleGrant } from '@yima/shared';
import { requireSession, type SessionResolver, type SessionState } from './session';

/** Who is asking: the session's user and their role grants. */
export interface Actor {
  userId: string;
  grants: RoleGrant[];
}

/** May this actor make this request? `request.params` names the resource of a scoped route. */
export type Rule = (actor: Actor, request: { params: Record<string, string> }) => boolean;

/** Where grants come from (features/roles). */
export interface GrantSource {
  rolesOf(userId: string): Promise<RoleGrant[]>;
}

export interface RoleState extends SessionState {
  /** The grants the rule was decided on (for `role`: those of that role, and admin). */
  grants: RoleGrant[];
}

/** `role` held (for any scope), or admin. */
export const holds =
  (...roles: Role[]): Rule =>
  (actor) =>
    actor.grants.some((g) => g.role === 'admin' || roles.includes(g.role));

export function createAccess(d: { sessions: SessionResolver; grants: GrantSource }) {
  const session = requireSession(d.sessions);

  /** A session whose grants satisfy `rule`; `refuse` is what others are told (403 by default). */
  function allow(rule: Rule, refuse: () => DomainError, keep: (g: RoleGrant) => boolean = () => true): Middleware<RoleState> {
    const check: Middleware<RoleState> = async (ctx, next) => {
      const grants = await d.grants.rolesOf(ctx.state.session.userId);
      if (!rule({ userId: ctx.state.session.userId, grants }, { params: (ctx as { params?: Record<string, string> }).params ?? {} })) throw refuse();
      ctx.state.grants = grants.filter(keep);
      await next();
    };
    return (ctx, next) => session(ctx, () => check(ctx, next));
  }

  return {
    /** Open to anyone: nothing is read. Public data, or a caller authenticated otherwise (the
     * provincial feed signs its requests). */
    anyone: (): Middleware => (_ctx, next) => next(),
    /** A logged-in session: ctx.state.session. */
    session: (): Middleware<SessionState> => session,
    /** A session holding `role` (or admin): ctx.state.grants holds those grants. */
    role: (role: Role) =>
      allow(
        holds(role),
        () => new DomainError('FORBIDDEN', `this needs the ${role} role`),
        (g) => g.role === role || g.role === 'admin',
      ),
    allow,
  };
}

export type Access = ReturnType<typeof createAccess>;
