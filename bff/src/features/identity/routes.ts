/** The resident's own profile and real-name registration. */
import Router from '@koa/router';
import { identityRequest, profileUpdateRequest } from '@yima/shared/contracts/auth';
import { parse } from '../../http/validate';
import { requireSession, type SessionState } from '../../http/session';
import type { SessionStore } from '../auth/sessions';
import type { IdentityService } from './identityService';

export function identityRoutes(identity: IdentityService, sessions: SessionStore): Router {
  const router = new Router<SessionState>({ prefix: '/api/me' });
  router.use(requireSession(sessions));

  router.get('/', async (ctx) => {
    ctx.body = await identity.profile(ctx.state.session.userId);
  });

  router.patch('/', async (ctx) => {
    const { locale } = parse(profileUpdateRequest, ctx.request.body);
    ctx.body = await identity.setLocale(ctx.state.session.userId, locale);
  });

  router.put('/identity', async (ctx) => {
    ctx.body = await identity.register(ctx.state.session.userId, parse(identityRequest, ctx.request.body));
  });

  return router;
}
