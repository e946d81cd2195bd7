/**
 * Role grants from the operator pages (docs/decisions/0023-operator-pages.md): an admin grants
 * and revokes the roles the pages offer; `admin` itself stays with the command line.
 */
import { z } from 'zod';
import { ROLES } from '../roles';
import { phoneField } from './auth';

/** A scope as the grants table keeps it: '' (city-wide), a district or grid code, a place id. */
const scopeField = z
  .string()
  .trim()
  .max(64)
  .regex(/^[0-9A-Za-z*_-]*$/, 'a scope is a district or grid code, a place id, or empty');

/** `role` is any role: `admin` is refused as ROLE_CLI_ONLY (403) by the grants policy, not
 * as a malformed request, so the page can say where it is granted. */
export const grantRequest = z.strictObject({
  phone: phoneField,
  role: z.enum(ROLES),
  scope: scopeField.default(''),
});
export type GrantRequest = z.infer<typeof grantRequest>;

export const revokeRequest = z.strictObject({
  userId: z.string().regex(/^\d{1,18}$/),
  role: z.enum(ROLES),
  scope: scopeField.default(''),
});
export type RevokeRequest = z.infer<typeof revokeRequest>;

/** `GET /api/grants`: every grant, or one account's by phone. */
export const grantListQuery = z.strictObject({
  phone: phoneField.optional().describe("only this account's grants"),
});

// Response types are inferred from the response schemas (./responses/grants).
export type { GrantView, GrantList } from './responses/grants';
