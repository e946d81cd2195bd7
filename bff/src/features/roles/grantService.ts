/**
 * Role grants from the operator pages (docs/decisions/0023-operator-pages.md): an admin lists
 * every grant, grants a role for a scope to the account of a phone, revokes one. Each change is
 * logged with the admin who made it (rolesRepo, role_grant_log). A grant whose scope does not
 * fit its role would silently open nothing (a mistyped grid, a place that does not exist), so
 * it is refused; `admin` is the command line's alone (the policy says so).
 */
import {
  DomainError,
  maskName,
  maskPhone,
  REGION_CODE,
  type GrantAnswer,
  type GrantList,
  type GrantRequest,
  type RevokeRequest,
  type Role,
} from '@yima/shared';
import type { Clock } from '../../clock';
import type { Pii } from '../../crypto/pii';
import type { Actor } from '../../policy/actor';
import { grantsPolicy, pageManagedRole } from './policy';
import type { RolesRepo } from './rolesRepo';

/** A city has a few hundred grants; the page shows the newest this many (a phone finds any). */
const LIST_LIMIT = 500;

/** What the service asks other features (wired in app.ts, so roles imports none of them). */
export interface GrantLookups {
  /** The account of this phone, by its blind index; null when nobody logged in with it. */
  accountOf(phone: string): Promise<string | null>;
  gridExists(code: string): Promise<boolean>;
  placeExists(id: string): Promise<boolean>;
}

const cliOnly = () => new DomainError('ROLE_CLI_ONLY', 'admin is granted and revoked only with the command line (npm run admin)');

export function createGrantService(d: {
  roles: RolesRepo;
  lookups: GrantLookups;
  pii: Pii;
  clock: Clock;
  /** Tells every process an account's roles changed (the invalidation bus). */
  changed: (userId: string) => Promise<void>;
}) {
  /** Why `scope` does not fit `role`, or null when it does. */
  async function scopeProblem(role: Role, scope: string): Promise<string | null> {
    switch (role) {
      case 'operator':
      case 'admin':
        return scope === '' ? null : `${role} is city-wide: leave the scope empty`;
      case 'authority':
        return REGION_CODE.test(scope) ? null : 'an authority acts for a district: a 6-digit district code';
      case 'community-worker':
        return (await d.lookups.gridExists(scope)) ? null : 'a community worker works for a grid of the grid list: its code';
      case 'venue-staff':
        return /^\d{1,18}$/.test(scope) && (await d.lookups.placeExists(scope)) ? null : 'venue staff work at a place: its id';
    }
  }

  return {
    async list(phone: string | undefined): Promise<GrantList> {
      const userId = phone ? await d.lookups.accountOf(phone) : null;
      if (phone && !userId) return { grants: [] };
      const rows = await d.roles.list({ userId, limit: LIST_LIMIT });
      return {
        grants: rows.map((g) => ({
          userId: g.userId,
          phone: maskPhone(d.pii.decrypt('phone', g.phoneEnc)),
          name: g.nameEnc ? maskName(d.pii.decrypt('name', g.nameEnc)) : null,
          role: g.role,
          scope: g.scope,
          grantedAt: g.grantedAt.toISOString(),
          revocable: pageManagedRole(g.role),
        })),
      };
    },

    /** Whether it was granted now (false: the account already held it). */
    async grant(actor: Actor, body: GrantRequest): Promise<{ created: boolean; grant: GrantAnswer }> {
      if (!grantsPolicy.can(actor, 'grantRole', { role: body.role })) throw cliOnly();
      const problem = await scopeProblem(body.role, body.scope);
      if (problem) throw new DomainError('INVALID_SCOPE', problem);
      const userId = await d.lookups.accountOf(body.phone);
      if (!userId) throw new DomainError('ACCOUNT_NOT_FOUND', 'no account has this phone; the person must log in once first');
      const created = await d.roles.grant(userId, { role: body.role, scope: body.scope }, { via: 'page', by: actor.userId }, d.clock.now());
      if (created) await d.changed(userId);
      return { created, grant: { userId, phone: maskPhone(body.phone), role: body.role, scope: body.scope } };
    },

    async revoke(actor: Actor, body: RevokeRequest): Promise<void> {
      if (!grantsPolicy.can(actor, 'revokeRole', { role: body.role })) throw cliOnly();
      const revoked = await d.roles.revoke(body.userId, { role: body.role, scope: body.scope }, { via: 'page', by: actor.userId }, d.clock.now());
      if (!revoked) throw new DomainError('GRANT_NOT_FOUND', 'this account does not hold this role for this scope');
      await d.changed(body.userId);
    },
  };
}

export type GrantService = ReturnType<typeof createGrantService>;
