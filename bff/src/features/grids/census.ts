/**
 * What the statistics ask of grids for check-in completion (features/stats' `GridCensus` port:
 * app.ts passes this in, so neither feature imports the other): a grid's children, and the
 * people placed in each grid as counted when they were placed (grid_residents).
 */
import type { GridView } from '@yima/shared';
import type { GridsRepo } from './gridsRepo';
import type { PersonGridsRepo } from './personGridsRepo';

export function createGridCensus(d: { grids: GridsRepo; personGrids: PersonGridsRepo }) {
  return {
    async children(parent: string | null): Promise<{ parent: GridView | null; children: GridView[] } | null> {
      if (parent === null) return { parent: null, children: await d.grids.children(null) };
      const grid = await d.grids.find(parent);
      return grid ? { parent: grid, children: await d.grids.children(parent) } : null;
    },
    residentCounts: (parent: string | null) => d.personGrids.residentCounts(parent),
  };
}
