/** The roles an account may be granted, each for a scope (a district, a place id, or `*`).
 * Pure vocabulary: the BFF stores and checks grants, operator pages will show them. */
export const ROLES = ['operator', 'authority', 'community-worker', 'venue-staff', 'admin'] as const;
export type Role = (typeof ROLES)[number];

/** The roles an admin grants and revokes from the operator pages: every role but admin, which
 * stays with the command line (docs/decisions/0023-operator-pages.md). */
export const PAGE_GRANTABLE_ROLES = ROLES.filter((r): r is Exclude<Role, 'admin'> => r !== 'admin');
export type PageGrantableRole = (typeof PAGE_GRANTABLE_ROLES)[number];

export interface RoleGrant {
  role: Role;
  scope: string;
}
