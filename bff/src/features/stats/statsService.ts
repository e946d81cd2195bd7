/** Reading the city statistics (SPEC C9): one day, a range for charts, the audited CSV export.
 * Callers have validated the days (shared/src/contracts/stats.ts). */
import { chinaDate, dayCount, DomainError, type StatsDay, type StatsGrids, type StatsRange } from '@yima/shared';
import type { Clock } from '../../clock';
import { toCsv } from '../../render/csv';
import { CSV_HEADER, csvCells, rangeFigures } from './figures';
import { gridFigures, type GridCensus } from './gridCompletion';
import type { StatsRepo } from './statsRepo';

export function createStatsService(d: { repo: StatsRepo; clock: Clock; census: GridCensus }) {
  const range = async (from: string, to: string): Promise<StatsDay[]> => rangeFigures(from, to, await d.repo.counters(from, to));

  return {
    /** One China day; today when none is named. */
    async day(date?: string): Promise<StatsDay> {
      const day = date ?? chinaDate(d.clock.now());
      return (await range(day, day))[0];
    },

    async range(from: string, to: string): Promise<StatsRange> {
      return { from, to, days: await range(from, to) };
    },

    /** Check-in completion of `parent`'s children (the districts when none) on a China day. */
    async grids(date: string | undefined, parent: string | null): Promise<StatsGrids> {
      const day = date ?? chinaDate(d.clock.now());
      const tree = await d.census.children(parent);
      if (!tree) throw new DomainError('NOT_FOUND', `no grid ${parent}`);
      const [residents, checkins] = await Promise.all([d.census.residentCounts(parent), d.repo.dimensions(day, 'checkinsByGrid', parent ?? '')]);
      return gridFigures(day, tree, residents, checkins);
    },

    /** The range as CSV, recorded first in the export audit (who, which days, when): an
     * export that fails after the record is still one someone asked for. */
    async exportCsv(userId: string, from: string, to: string): Promise<{ filename: string; csv: string }> {
      await d.repo.recordExport(userId, from, to, dayCount(from, to), d.clock.now());
      const days = await range(from, to);
      return { filename: `yima-stats-${from}-${to}.csv`, csv: toCsv([CSV_HEADER, ...days.map(csvCells)]) };
    },
  };
}

export type StatsService = ReturnType<typeof createStatsService>;
