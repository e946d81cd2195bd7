/**
 * The operator pages an account may open (`GET /api/ops/pages`): the home page offers a tile
 * for each, as it offers the scanner to venue staff. Each page is named with the policy rule
 * that gates its routes (app.ts passes them), so the tile and the routes cannot disagree: the
 * city statistics and the community workers' grid dashboard today; a page added later
 * (conversion requests) is one more entry.
 */
import type { OpsPages } from '@yima/shared';
import type { Access, GrantSource } from '../../http/access';
import type { AppRouter } from '../../http/router';
import type { Actor } from '../../policy/actor';

export interface OpsPage {
  id: OpsPages['pages'][number];
  /** The policy rule of the page's routes (e.g. statsPolicy's readStats). */
  opens: (actor: Actor) => boolean;
}

export function opsRoutes(router: AppRouter, d: { access: Access; grants: GrantSource; pages: readonly OpsPage[] }): void {
  router.get('/api/ops/pages', d.access.session(), async (ctx) => {
    const userId = ctx.state.session.userId;
    const actor: Actor = { userId, grants: await d.grants.rolesOf(userId) };
    ctx.set('Cache-Control', 'no-store');
    ctx.body = { pages: d.pages.filter((p) => p.opens(actor)).map((p) => p.id) } satisfies OpsPages;
  });
}
