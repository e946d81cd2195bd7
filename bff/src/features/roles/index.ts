/** Role grants (operator, authority, venue staff, admin) and their scopes. */
export { createRolesRepo, ROLES, type Role, type RoleGrant, type RolesRepo } from './rolesRepo';
