/** Grids and their residents (docs/api.md "Grids and community workers", decision 0019). */
import { gridListQuery, residentListQuery } from '@yima/shared/contracts/grids';
import type { AppRouter } from '../../http/router';
import type { Access } from '../../http/access';
import { parse } from '../../http/validate';
import { DomainError, type RoleGrant } from '@yima/shared';
import type { GridDirectory } from './gridDirectory';
import { gridsPolicy } from './policy';
import type { ResidentService } from './residentService';

export function gridRoutes(
  router: AppRouter,
  d: { directory: GridDirectory; residents: ResidentService; roles: { rolesOf(userId: string): Promise<RoleGrant[]> }; access: Access },
): void {
  // The grid is in the path; a grid outside the worker's grant is 403 (grids are public: its
  // existence is no secret), a person outside the grid 404 (residentService).
  const pathGrid = (request: { params: Record<string, string> }) => ({ grid: request.params.code ?? '' });
  const notTheirs = () => new DomainError('FORBIDDEN', 'this needs the community-worker role for this grid or one above it');

  router.get('/api/grids', d.access.anyone(), async (ctx) => {
    const q = parse(gridListQuery, ctx.query);
    ctx.set('Cache-Control', 'public, max-age=300');
    ctx.body = { grids: await d.directory.list(q.parent ?? null, q.level ?? null) };
  });

  router.get('/api/staff/grids', d.access.session(), async (ctx) => {
    const userId = ctx.state.session.userId;
    ctx.set('Cache-Control', 'no-store');
    ctx.body = { grids: await d.directory.ofWorker({ userId, grants: await d.roles.rolesOf(userId) }) };
  });

  router.get('/api/grids/:code/residents', d.access.can(gridsPolicy, 'listResidents', pathGrid, notTheirs), async (ctx) => {
    const q = parse(residentListQuery, ctx.query);
    ctx.set('Cache-Control', 'no-store');
    ctx.body = await d.residents.list(ctx.params.code, q);
  });

  router.get('/api/grids/:code/residents/:personId', d.access.can(gridsPolicy, 'viewResident', pathGrid, notTheirs), async (ctx) => {
    ctx.set('Cache-Control', 'no-store');
    ctx.body = await d.residents.detail(ctx.state.actor, ctx.params.code, ctx.params.personId);
  });
}
