/** Answers of the role grants routes (docs/decisions/0023-operator-pages.md). */
import { z } from 'zod';
import { ROLES } from '../../roles';
import { idString, isoTime } from './common';

/** One grant: the account by masked phone (and masked name once registered). */
export const grantView = z.strictObject({
  userId: idString,
  phone: z.string(),
  name: z.string().nullable(),
  role: z.enum(ROLES),
  scope: z.string(),
  grantedAt: isoTime,
  /** Whether the pages may revoke it (admin grants stay with the command line). */
  revocable: z.boolean(),
});
export type GrantView = z.infer<typeof grantView>;
export const grantList = z.strictObject({ grants: z.array(grantView) });
export type GrantList = z.infer<typeof grantList>;
/** `POST /api/grants`: 201 when granted now, 200 when the account already held it. */
export const grantAnswer = grantView.pick({ userId: true, phone: true, role: true, scope: true });
export type GrantAnswer = z.infer<typeof grantAnswer>;
