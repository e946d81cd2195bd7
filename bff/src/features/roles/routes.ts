/** Role grants for admins (docs/api.md "City statistics and operator pages": /api/grants):
 * the operator pages' grants page. The command line (cli/admin.ts) remains for admin itself. */
import { grantListQuery, grantRequest, revokeRequest } from '@yima/shared/contracts/grants';
import { type Access } from '../../http/access';
import { DomainError } from '@yima/shared';
import type { AppRouter } from '../../http/router';
import { parse } from '../../http/validate';
import type { GrantService } from './grantService';
import { grantsPolicy } from './policy';

export function grantRoutes(router: AppRouter, d: { grants: GrantService; access: Access }): void {
  const needsAdmin = () => new DomainError('FORBIDDEN', 'this needs the admin role');
  // The role is in the body: here, "is this an admin"; grantService asks again with the role.
  const someRole = () => ({ role: null });

  router.get(
    '/api/grants',
    d.access.can(grantsPolicy, 'listGrants', () => null, needsAdmin),
    async (ctx) => {
      const { phone } = parse(grantListQuery, ctx.query);
      ctx.set('Cache-Control', 'no-store');
      ctx.body = await d.grants.list(phone);
    },
  );

  router.post('/api/grants', d.access.can(grantsPolicy, 'grantRole', someRole, needsAdmin), async (ctx) => {
    const { created, grant } = await d.grants.grant(ctx.state.actor, parse(grantRequest, ctx.request.body));
    ctx.status = created ? 201 : 200;
    ctx.body = grant;
  });

  router.delete('/api/grants', d.access.can(grantsPolicy, 'revokeRole', someRole, needsAdmin), async (ctx) => {
    await d.grants.revoke(ctx.state.actor, parse(revokeRequest, ctx.request.body));
    ctx.status = 204;
  });
}
