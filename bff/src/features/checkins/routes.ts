/** The resident's own daily check-in. */
import Router from '@koa/router';
import { checkinRequest } from '@yima/shared/contracts/checkin';
import { requireSession, type SessionState, type SessionStore } from '../../http/session';
import { parse } from '../../http/validate';
import type { CheckinService } from './checkinService';

export function checkinRoutes(checkins: CheckinService, sessions: SessionStore): Router {
  const router = new Router<SessionState>({ prefix: '/api/me/checkins' });
  router.use(requireSession(sessions));

  router.post('/', async (ctx) => {
    const result = await checkins.submit(ctx.state.session.userId, parse(checkinRequest, ctx.request.body));
    ctx.status = 201;
    ctx.body = result;
  });

  router.get('/', async (ctx) => {
    ctx.body = await checkins.history(ctx.state.session.userId);
  });

  return router;
}
