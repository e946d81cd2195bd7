/** The resident's own profile and real-name registration. */
import type { AppRouter } from '../../http/router';
import { identityRequest, profileUpdateRequest } from '@yima/shared/contracts/auth';
import { parse } from '../../http/validate';
import { requireSession } from '../../http/session';
import type { SessionStore } from '../auth/sessions';
import type { IdentityService } from './identityService';

export function identityRoutes(router: AppRouter, identity: IdentityService, sessions: SessionStore): void {
  const session = requireSession(sessions);

  router.get('/api/me', session, async (ctx) => {
    ctx.body = await identity.profile(ctx.state.session.userId);
  });

  router.patch('/api/me', session, async (ctx) => {
    const { locale } = parse(profileUpdateRequest, ctx.request.body);
    ctx.body = await identity.setLocale(ctx.state.session.userId, locale);
  });

  router.put('/api/me/identity', session, async (ctx) => {
    ctx.body = await identity.register(ctx.state.session.userId, parse(identityRequest, ctx.request.body));
  });

}
