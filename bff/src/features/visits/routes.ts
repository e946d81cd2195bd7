/** Visits and scans (docs/api.md "Places, visits and scans"): a resident scanning a place's code,
 * and staff scanning a person's code (or looking them up by ID number and name). */
import { scanRequest, visitRequest } from '@yima/shared/contracts/venues';
import type { Middleware } from 'koa';
import type { AppRouter } from '../../http/router';
import type { Access } from '../../http/access';
import { parse } from '../../http/validate';
import { codeSession, type CodeService, type CodeSessionState } from '../code';
import type { ScanService } from './scanService';
import type { VisitService } from './visitService';

export const SCANS_PATH = '/api/scans';
export const VISIT_PATH = /^\/api\/venues\/(\d{1,18})\/visits$/;

/** POST /api/venues/:id/visits: resolves the session with the code state in one cached read;
 * app.ts also dispatches it ahead of the router (every scan of a place code). */
export function visitHandler(code: CodeService, visits: VisitService): (venueId: string) => Middleware {
  const session = codeSession(code);
  return (venueId) => {
    const answer: Middleware<CodeSessionState> = async (ctx) => {
      const body = parse(visitRequest, ctx.request.body ?? {});
      ctx.status = 201;
      ctx.body = await visits.visit(ctx.state.codeState, venueId, body);
    };
    return (ctx, next) => session(ctx, () => answer(ctx, next));
  };
}

/** POST /api/scans: the guard's session from the same in-process cache as the code page.
 * app.ts also dispatches it ahead of the router (a gate's busiest route). */
export function scansHandler(code: CodeService, scans: ScanService): Middleware {
  const session = codeSession(code);
  const answer: Middleware<CodeSessionState> = async (ctx) => {
    const staffId = ctx.state.codeState.userId;
    const body = parse(scanRequest, ctx.request.body);
    ctx.status = 201;
    ctx.body = 'qr' in body ? await scans.scanCode(staffId, body) : await scans.lookup(staffId, body);
  };
  return (ctx, next) => session(ctx, () => answer(ctx, next));
}

export function visitRoutes(router: AppRouter, d: { visits: VisitService; scans: ScanService; code: CodeService; access: Access }): void {
  const visit = visitHandler(d.code, d.visits);
  router.post('/api/venues/:id/visits', (ctx, next) => visit(ctx.params.id)(ctx, next));

  router.get('/api/staff/venues', d.access.session(), async (ctx) => {
    ctx.set('Cache-Control', 'no-store');
    ctx.body = { venues: await d.scans.myVenues(ctx.state.session.userId) };
  });

  router.post(SCANS_PATH, scansHandler(d.code, d.scans));
}
