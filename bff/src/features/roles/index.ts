/** Role grants (operator, authority, community worker, venue staff, admin), their scopes, their
 * log, and the admins' grants page. */
export { createGrantService, type GrantLookups, type GrantService } from './grantService';
export { GRANT_ACTIONS, grantsPolicy, type GrantAction, type GrantResources } from './policy';
export { createRolesRepo, ROLES, type GrantChanger, type Role, type RoleGrant, type RolesRepo } from './rolesRepo';
export { grantRoutes } from './routes';
