/** Risk areas: operators add levels; anyone can read the current list (the check-in form
 * offers it as the list of places to declare). */
import { DomainError } from '@yima/shared';
import type { AppRouter } from '../../http/router';
import { riskAreaEndRequest, riskAreaRequest } from '@yima/shared/contracts/checkin';
import type { Clock } from '../../clock';
import { needsRole, type Access } from '../../http/access';
import { parse } from '../../http/validate';
import { riskAreasPolicy } from './policy';
import type { RiskAreaCache } from './riskAreaCache';
import type { RiskAreaRow, RiskAreasRepo } from './riskAreasRepo';

const itemOf = (a: RiskAreaRow) => ({
  id: a.id,
  code: a.code,
  name: a.name,
  level: a.level,
  effectiveFrom: a.effectiveFrom.toISOString(),
  effectiveTo: a.effectiveTo ? a.effectiveTo.toISOString() : null,
});

export function riskAreaRoutes(
  router: AppRouter,
  d: {
    repo: RiskAreasRepo;
    cache: RiskAreaCache;
    access: Access;
    clock: Clock;
    /** Tells every process (this one at once) to reload its list: the invalidation bus. */
    changed: () => Promise<void>;
  },
): void {
  router.get('/api/risk-areas', d.access.anyone(), async (ctx) => {
    const now = d.clock.now();
    const areas = (await d.cache.current()).filter((a) => a.effectiveFrom <= now && (!a.effectiveTo || a.effectiveTo > now));
    ctx.set('Cache-Control', 'public, max-age=60');
    ctx.body = { areas: areas.map(itemOf) };
  });

  const mayDeclare = d.access.can(riskAreasPolicy, 'declareRiskArea', () => null, needsRole('operator'));
  router.post('/api/risk-areas', mayDeclare, async (ctx) => {
    const body = parse(riskAreaRequest, ctx.request.body);
    const effectiveFrom = new Date(body.effectiveFrom);
    const effectiveTo = body.effectiveTo ? new Date(body.effectiveTo) : null;
    if (effectiveTo && effectiveTo <= effectiveFrom) throw new DomainError('INVALID_REQUEST', 'effectiveTo: must be after effectiveFrom');
    const id = await d.repo.add({ code: body.code, name: body.name, level: body.level, effectiveFrom, effectiveTo }, ctx.state.session.userId, d.clock.now());
    await d.changed();
    ctx.status = 201;
    ctx.body = { id };
  });

  // Ending a period (the operator pages' "end"): it stops counting for check-ins from then on.
  router.patch(
    '/api/risk-areas/:id',
    d.access.can(riskAreasPolicy, 'endRiskArea', () => null, needsRole('operator')),
    async (ctx) => {
      const body = parse(riskAreaEndRequest, ctx.request.body);
      const area = await d.repo.find(ctx.params.id);
      if (!area) throw new DomainError('NOT_FOUND', 'no such risk area');
      const effectiveTo = new Date(body.effectiveTo);
      if (effectiveTo <= area.effectiveFrom) throw new DomainError('INVALID_REQUEST', 'effectiveTo: must be after the period began');
      if (!(await d.repo.end(area.id, effectiveTo, d.clock.now()))) throw new DomainError('RISK_AREA_ENDED', 'this risk area has already ended');
      await d.changed();
      ctx.body = itemOf({ ...area, effectiveTo });
    },
  );
}
