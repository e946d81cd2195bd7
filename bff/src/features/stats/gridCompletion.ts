/**
 * Check-in completion by grid (SPEC C9; docs/decisions/0020-statistics.md): for a grid's
 * children, how many people each holds and how many of them checked in on a day — both kept
 * as things happen (grid_residents as people are placed, the `checkinsByGrid` counter in the
 * check-in's transaction), added up here level by level. Grid codes nest by prefix (a street's
 * 9 digits begin with its district's 6), so a grid's figure is the sum over every code it
 * begins.
 */
import type { GridCompletion, GridView, StatsGrids } from '@yima/shared';

/** What the grids feature tells statistics (app.ts passes it in: statistics import no feature). */
export interface GridCensus {
  /** The grid (null: the city) and its children; null when there is no such grid. */
  children(parent: string | null): Promise<{ parent: GridView | null; children: GridView[] } | null>;
  /** People per grid they are placed in, within `parent` (null: the city). */
  residentCounts(parent: string | null): Promise<Map<string, number>>;
}

const within = (values: ReadonlyMap<string, number>, prefix: string): number => {
  let sum = 0;
  for (const [code, n] of values) if (code.startsWith(prefix)) sum += n;
  return sum;
};

const completion = (residents: ReadonlyMap<string, number>, checkins: ReadonlyMap<string, number>, prefix: string): GridCompletion => ({
  residents: within(residents, prefix),
  checkedIn: within(checkins, prefix),
});

/** Pure: the answer from the grid tree and the two sets of counts (code → n). */
export function gridFigures(
  date: string,
  tree: { parent: GridView | null; children: GridView[] },
  residents: ReadonlyMap<string, number>,
  checkins: ReadonlyMap<string, number>,
): StatsGrids {
  return {
    date,
    parent: tree.parent,
    total: completion(residents, checkins, tree.parent?.code ?? ''),
    grids: tree.children.map((g) => ({ ...g, ...completion(residents, checkins, g.code) })),
  };
}
