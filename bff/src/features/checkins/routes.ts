/** The resident's own daily check-in. */
import type { AppRouter } from '../../http/router';
import { checkinRequest } from '@yima/shared/contracts/checkin';
import type { Access } from '../../http/access';
import { parse } from '../../http/validate';
import type { CheckinService } from './checkinService';

export function checkinRoutes(router: AppRouter, checkins: CheckinService, access: Access): void {
  const session = access.session();

  router.post('/api/me/checkins', session, async (ctx) => {
    const result = await checkins.submit(ctx.state.session.userId, parse(checkinRequest, ctx.request.body));
    ctx.status = 201;
    ctx.body = result;
  });

  router.get('/api/me/checkins', session, async (ctx) => {
    ctx.body = await checkins.history(ctx.state.session.userId);
  });
}
