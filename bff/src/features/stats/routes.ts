/** City statistics (docs/api.md "City statistics and operator pages"): one day, a range for
 * charts, and the audited CSV export. Operators and admins (./policy.ts). */
import { statsDayQuery, statsGridsQuery, statsRangeQuery } from '@yima/shared/contracts/stats';
import { needsRole, type Access } from '../../http/access';
import type { AppRouter } from '../../http/router';
import { parse } from '../../http/validate';
import { statsPolicy } from './policy';
import type { StatsService } from './statsService';

export function statsRoutes(router: AppRouter, d: { stats: StatsService; access: Access }): void {
  const operator = needsRole('operator');
  const mayRead = d.access.can(statsPolicy, 'readStats', () => null, operator);
  const mayExport = d.access.can(statsPolicy, 'exportStats', () => null, operator);

  router.get('/api/stats/daily', mayRead, async (ctx) => {
    const { date } = parse(statsDayQuery, ctx.query);
    ctx.set('Cache-Control', 'no-store');
    ctx.body = await d.stats.day(date);
  });

  router.get('/api/stats/range', mayRead, async (ctx) => {
    const { from, to } = parse(statsRangeQuery, ctx.query);
    ctx.set('Cache-Control', 'no-store');
    ctx.body = await d.stats.range(from, to);
  });

  router.get('/api/stats/grids', mayRead, async (ctx) => {
    const { date, parent } = parse(statsGridsQuery, ctx.query);
    ctx.set('Cache-Control', 'no-store');
    ctx.body = await d.stats.grids(date, parent ?? null);
  });

  router.get('/api/stats/export.csv', mayExport, async (ctx) => {
    const { from, to } = parse(statsRangeQuery, ctx.query);
    const { filename, csv } = await d.stats.exportCsv(ctx.state.actor.userId, from, to);
    ctx.set('Cache-Control', 'no-store');
    ctx.set('Content-Disposition', `attachment; filename="${filename}"`);
    ctx.type = 'text/csv; charset=utf-8';
    ctx.body = csv;
  });
}
