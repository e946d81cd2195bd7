/** Role checks for privileged routes; run after requireSession. Roles are read per request
 * (privileged routes are rare), so a revoked role stops working at once. */
import { DomainError } from '@yima/shared';
import type { Middleware } from 'koa';
import type { Role, RoleGrant } from '@yima/shared';
import type { SessionState } from './session';

/** Where grants come from (features/roles). */
export interface GrantSource {
  rolesOf(userId: string): Promise<RoleGrant[]>;
}

export interface RoleState extends SessionState {
  grants: RoleGrant[];
}

export function requireRole(roles: GrantSource, role: Role): Middleware<RoleState> {
  return async (ctx, next) => {
    const grants = (await roles.rolesOf(ctx.state.session.userId)).filter((g) => g.role === role || g.role === 'admin');
    if (grants.length === 0) throw new DomainError('FORBIDDEN', `this needs the ${role} role`);
    ctx.state.grants = grants;
    await next();
  };
}
