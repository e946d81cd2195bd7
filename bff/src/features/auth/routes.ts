/** Login routes (../shared/API.md, "Login and identity"). */
import Router from '@koa/router';
import { sessionRequest, smsCodeRequest } from '@yima/shared/contracts/auth';
import { parse } from '../../http/validate';
import { requireSession, type SessionState } from '../../http/session';
import type { LoginService } from './loginService';
import type { SessionStore } from './sessions';

export function authRoutes(login: LoginService, sessions: SessionStore): Router {
  const router = new Router({ prefix: '/api/auth' });

  router.post('/sms-codes', async (ctx) => {
    const { phone } = parse(smsCodeRequest, ctx.request.body);
    ctx.status = 202;
    ctx.body = await login.requestSmsCode(phone, ctx.ip);
  });

  router.post('/sessions', async (ctx) => {
    const result = await login.login(parse(sessionRequest, ctx.request.body), ctx.ip);
    ctx.status = 'linkRequired' in result ? 200 : 201;
    ctx.body = result;
  });

  router.delete('/sessions/current', requireSession(sessions), async (ctx) => {
    await login.logout((ctx.state as SessionState).session.tokenHash);
    ctx.status = 204;
  });

  return router;
}
