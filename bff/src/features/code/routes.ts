/** The personal code, its change notifications, the colour history, and the public trust
 * list scanners and other regions verify codes with. */
import { DomainError } from '@yima/shared';
import type { AppRouter } from '../../http/router';
import type { Access } from '../../http/access';
import type { TrustList } from '../recognition';
import type { AuditService } from '../personState';
import type { ChangeWaiters } from './changeWaiters';
import type { CodeService } from './codeService';
import { codeSession } from './codeSession';

const LONG_POLL_MS = 25_000;
/** Names what an answer was built without: `risk-areas; as-of=<ISO time of the list used>`. */
export const DEGRADED_HEADER = 'X-Yima-Degraded';

/** MariaDB is away: a code answer was built from cached state and the last known risk areas
 * (decision 0027). A header, so the memoised answer text stays as it is. */
export function markDegraded(ctx: { set(name: string, value: string): void }, code: Pick<CodeService, 'degradedSince'>): void {
  const since = code.degradedSince();
  if (since) ctx.set(DEGRADED_HEADER, `risk-areas; as-of=${since.toISOString()}`);
}

export function codeRoutes(
  router: AppRouter,
  d: { code: CodeService; waiters: ChangeWaiters; trust: TrustList; issuerId: string; audit: AuditService; access: Access },
): void {
  // codeSession, not requireSession: session and code state in one Redis round trip (or
  // none); this is the busiest route of the product.
  router.get('/api/me/code', codeSession(d.code), async (ctx) => {
    ctx.set('Cache-Control', 'no-store');
    ctx.type = 'application/json';
    ctx.body = await d.code.myCodeJson(ctx.state.codeState);
    markDegraded(ctx, d.code);
  });

  // Long poll: answers {changed:true} as soon as the code state moves past `since` (the
  // `version` of the last GET /api/me/code), or {changed:false} after ~25 s.
  router.get('/api/me/code/changes', codeSession(d.code), async (ctx) => {
    const since = Number(ctx.query.since);
    if (typeof ctx.query.since !== 'string' || !Number.isSafeInteger(since) || since < 0)
      throw new DomainError('INVALID_REQUEST', 'since: the version from GET /api/me/code');
    ctx.set('Cache-Control', 'no-store');
    const state = ctx.state.codeState;
    if (state.version !== since) {
      ctx.body = { changed: true };
      return;
    }
    const abort = new AbortController();
    ctx.req.once('close', () => abort.abort());
    ctx.body = { changed: await d.waiters.wait(state.userId, LONG_POLL_MS, abort.signal) };
  });

  router.get('/api/me/audit', d.access.session(), async (ctx) => {
    ctx.set('Cache-Control', 'no-store');
    ctx.body = await d.audit.mine(ctx.state.session.userId);
  });

  router.get('/api/trust-list', d.access.anyone(), (ctx) => {
    ctx.set('Cache-Control', 'public, max-age=300');
    ctx.body = d.trust.published(d.issuerId);
  });
}
