/** The personal code, its change notifications, the colour history, and the public trust
 * list scanners and other regions verify codes with. */
import type { Middleware } from 'koa';
import type { AppRouter } from '../../http/router';
import { badRequest, unauthorized } from '../../http/errors';
import { requireSession, type SessionResolver } from '../../http/session';
import type { TrustList } from '../recognition';
import type { createAuditService } from '../merge';
import type { ChangeWaiters } from './changeWaiters';
import type { CodeService } from './codeService';

const LONG_POLL_MS = 25_000;
const bearerOf = (header: string) => /^Bearer (\S+)$/.exec(header)?.[1];
const loggedOut = () => unauthorized('UNAUTHENTICATED', 'log in first: the session is missing, expired or revoked');

export const MY_CODE_PATH = '/api/me/code';

/** GET /api/me/code. app.ts also dispatches it ahead of the router: the router tests every
 * route's pattern on every request, and this route is most of the traffic. */
export function myCodeHandler(code: CodeService): Middleware {
  return async (ctx) => {
    const bearer = bearerOf(ctx.get('Authorization'));
    if (!bearer) throw loggedOut();
    ctx.set('Cache-Control', 'no-store');
    ctx.type = 'application/json';
    ctx.body = await code.myCodeJson(bearer);
  };
}

export function codeRoutes(
  router: AppRouter,
  d: { code: CodeService; waiters: ChangeWaiters; trust: TrustList; issuerId: string; audit: ReturnType<typeof createAuditService>; sessions: SessionResolver },
): void {

  // Resolves the session itself (not requireSession) to read session and code state in one
  // Redis round trip: this is the busiest route of the product.
  router.get(MY_CODE_PATH, myCodeHandler(d.code));

  // Long poll: answers {changed:true} as soon as the code state moves past `since` (the
  // `version` of the last GET /api/me/code), or {changed:false} after ~25 s.
  router.get('/api/me/code/changes', async (ctx) => {
    const bearer = bearerOf(ctx.get('Authorization'));
    if (!bearer) throw loggedOut();
    const since = Number(ctx.query.since);
    if (typeof ctx.query.since !== 'string' || !Number.isSafeInteger(since) || since < 0) throw badRequest('INVALID_REQUEST', 'since: the version from GET /api/me/code');
    ctx.set('Cache-Control', 'no-store');
    const state = await d.code.stateFor(bearer);
    if (state.version !== since) {
      ctx.body = { changed: true };
      return;
    }
    const abort = new AbortController();
    ctx.req.once('close', () => abort.abort());
    ctx.body = { changed: await d.waiters.wait(state.userId, LONG_POLL_MS, abort.signal) };
  });

  router.get('/api/me/audit', requireSession(d.sessions), async (ctx) => {
    ctx.set('Cache-Control', 'no-store');
    ctx.body = await d.audit.mine(ctx.state.session.userId);
  });

  router.get('/api/trust-list', (ctx) => {
    ctx.set('Cache-Control', 'public, max-age=300');
    ctx.body = d.trust.published(d.issuerId);
  });

}
