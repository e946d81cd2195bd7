/** Login routes (docs/api.md, "Login and sessions"). */
import { clientAddress, limitKeyOf } from '../../http/clientAddress';
import type { AppRouter } from '../../http/router';
import { sessionRequest, smsCodeRequest } from '@yima/shared/contracts/auth';
import { parse } from '../../http/validate';
import type { Access } from '../../http/access';
import type { LoginService } from './loginService';

export function authRoutes(router: AppRouter, login: LoginService, access: Access, trustProxyHops: number): void {
  /** What per-client limits count under (never an address the client wrote itself). */
  const client = (ctx: Parameters<typeof clientAddress>[0]) => limitKeyOf(clientAddress(ctx, trustProxyHops));

  router.post('/api/auth/sms-codes', access.anyone(), async (ctx) => {
    const { phone } = parse(smsCodeRequest, ctx.request.body);
    ctx.status = 202;
    ctx.body = await login.requestSmsCode(phone, client(ctx));
  });

  router.post('/api/auth/sessions', access.anyone(), async (ctx) => {
    const result = await login.login(parse(sessionRequest, ctx.request.body), client(ctx));
    ctx.status = 'linkRequired' in result ? 200 : 201;
    ctx.body = result;
  });

  router.delete('/api/auth/sessions/current', access.session(), async (ctx) => {
    await login.logout(ctx.state.session);
    ctx.status = 204;
  });
}
