/** Visits and scans (docs/api.md "Places, visits and scans"): a resident scanning a place's code,
 * and staff scanning a person's code (or looking them up by ID number and name). */
import { DomainError } from '@yima/shared';
import { scanRequest, unregisteredVisitRequest, visitRequest } from '@yima/shared/contracts/venues';
import type { AppRouter } from '../../http/router';
import type { Access } from '../../http/access';
import { parse } from '../../http/validate';
import { idempotent, type IdempotentState } from '../../http/idempotency';
import type { RedisClient } from '../../redis';
import { codeSession, type CodeService } from '../code';
import { visitsPolicy } from './policy';
import type { ScanService } from './scanService';
import type { ShiftRecord } from './shift';
import type { UnregisteredVisits } from './unregisteredVisits';
import type { VisitService } from './visitService';

export function visitRoutes(
  router: AppRouter,
  d: { visits: VisitService; scans: ScanService; unregistered: UnregisteredVisits; shift: ShiftRecord; code: CodeService; access: Access; redis: RedisClient },
): void {
  // A visit or scan retried with the same Idempotency-Key answers the first answer again.
  const once = idempotent(d.redis, (state: { codeState: { userId: string } }) => state.codeState.userId);
  const clientKey = (state: object) => (state as IdempotentState).clientKey ?? null;
  // codeSession, not requireSession: the session from the same in-process cache as the code
  // page (every scan of a place code).
  router.post('/api/venues/:id/visits', codeSession(d.code), once, async (ctx) => {
    const body = parse(visitRequest, ctx.request.body ?? {});
    ctx.status = 201;
    ctx.body = await d.visits.visit(ctx.state.codeState, ctx.params.id, body, clientKey(ctx.state));
  });

  router.get('/api/staff/venues', d.access.session(), async (ctx) => {
    ctx.set('Cache-Control', 'no-store');
    ctx.body = { venues: await d.scans.myVenues(ctx.state.session.userId) };
  });

  // A scan's stored answer is replayed only to the place's staff: a guard whose role was
  // revoked gets 403, not the answer of a scan made before (attacker's pass 13). Checked on the
  // replay path only, so the busiest route checks the role once (in the service).
  const onceForStaff = idempotent(d.redis, (state: { codeState: { userId: string } }) => state.codeState.userId, {
    beforeReplay: async (ctx) => {
      const venueId = (ctx.request.body as { venueId?: unknown } | undefined)?.venueId;
      await d.scans.assertStaff(ctx.state.codeState.userId, typeof venueId === 'string' ? venueId : '');
    },
  });
  // The guard's session from the same cache (a gate's busiest route).
  router.post('/api/scans', codeSession(d.code), onceForStaff, async (ctx) => {
    const staffId = ctx.state.codeState.userId;
    const body = parse(scanRequest, ctx.request.body);
    ctx.status = 201;
    ctx.body = 'qr' in body ? await d.scans.scanCode(staffId, body, clientKey(ctx.state)) : await d.scans.lookup(staffId, body, clientKey(ctx.state));
  });

  // The place's staff (and admins); anyone else is told there is no such place.
  const place = (req: { params: Record<string, string> }) => ({ venueId: req.params.id });
  const noSuchPlace = () => new DomainError('NOT_FOUND', 'no such place');
  router.post('/api/venues/:id/unregistered-visits', d.access.can(visitsPolicy, 'recordUnregistered', place, noSuchPlace), async (ctx) => {
    const body = parse(unregisteredVisitRequest, ctx.request.body ?? {});
    ctx.status = 201;
    ctx.body = await d.unregistered.record(ctx.state.session.userId, ctx.params.id, body);
  });

  router.get('/api/venues/:id/scans/today', d.access.can(visitsPolicy, 'readShift', place, noSuchPlace), async (ctx) => {
    ctx.set('Cache-Control', 'no-store');
    ctx.body = await d.shift.today(ctx.params.id);
  });
}
