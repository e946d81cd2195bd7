/** The roles an account may be granted, each for a scope (a district, a place id, or `*`).
 * Pure vocabulary: the BFF stores and checks grants, operator pages will show them. */
export const ROLES = ['operator', 'authority', 'community-worker', 'venue-staff', 'admin'] as const;
export type Role = (typeof ROLES)[number];

export interface RoleGrant {
  role: Role;
  scope: string;
}
