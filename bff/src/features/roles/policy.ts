/**
 * Who may see and change role grants from the operator pages: admins, for every role but admin
 * itself, which stays with the command line — the pages never make (or unmake) an account that
 * could grant everything (docs/decisions/0023-operator-pages.md). The role is in the body, so
 * the route chain asks with `role: null` ("some role": is this an admin?) and grantService asks
 * again once the body is read.
 */
import type { Role } from '@yima/shared';
import { isAdmin, type Actor } from '../../policy/actor';
import { definePolicy } from '../../policy/policy';

export type GrantResources = {
  listGrants: null;
  grantRole: { role: Role | null };
  revokeRole: { role: Role | null };
};
export type GrantAction = keyof GrantResources;

/** Whether the pages grant and revoke this role at all (`null`: some role, the route's question). */
export const pageManagedRole = (role: Role | null): boolean => role !== 'admin';

const managesRole = (actor: Actor, on: { role: Role | null }) => isAdmin(actor) && pageManagedRole(on.role);

export const grantsPolicy = definePolicy<GrantResources>({
  listGrants: isAdmin,
  grantRole: managesRole,
  revokeRole: managesRole,
});

export const GRANT_ACTIONS = grantsPolicy.actions;
