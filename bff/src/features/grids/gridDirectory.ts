/**
 * The grid tree as others use it: importing it (the admin command), listing it (pickers), and
 * the grids a community worker works for. The check-in's use of it is ./assignment.ts.
 */
import { DomainError, type GridLevel, type GridView } from '@yima/shared';
import type { Clock } from '../../clock';
import type { Actor } from '../../policy/actor';
import { parentsOutside, parseGridCsv, placeInTree, type GridProblem } from './gridImport';
import type { GridsRepo } from './gridsRepo';
import { dashboardGrids } from './policy';

export interface GridImportResult {
  added: number;
  renamed: number;
  unchanged: number;
  /** Lines refused, by line number. */
  problems: GridProblem[];
}

export function createGridDirectory(d: { repo: GridsRepo; clock: Clock }) {
  return {
    /** Upserts the good lines of a grid CSV; says what changed and what was refused. */
    async importCsv(text: string): Promise<GridImportResult> {
      const { lines, problems } = parseGridCsv(text);
      const known = await d.repo.findMany(parentsOutside(lines));
      const { placed, problems: unplaced } = placeInTree(lines, new Set(known.keys()));
      const existing = await d.repo.findMany(placed.map((l) => l.code));
      await d.repo.upsertMany(placed, d.clock.now());
      const added = placed.filter((l) => !existing.has(l.code)).length;
      const renamed = placed.filter((l) => existing.has(l.code) && existing.get(l.code)!.name !== l.name).length;
      return { added, renamed, unchanged: placed.length - added - renamed, problems: [...problems, ...unplaced].sort((a, b) => a.line - b.line) };
    },

    /** The children of `parent` (the districts without one); with `level`, every grid of that
     * level beneath it. */
    async list(parent: string | null, level: GridLevel | null): Promise<GridView[]> {
      if (level) {
        if (parent === null) throw new DomainError('INVALID_REQUEST', 'level: needs a parent');
        return d.repo.beneath(parent, level);
      }
      return d.repo.children(parent);
    },

    /** A grid, or NOT_FOUND. */
    async get(code: string): Promise<GridView> {
      const grid = await d.repo.find(code);
      if (!grid) throw new DomainError('NOT_FOUND', 'no such grid');
      return grid;
    },

    /** A grid, or null. */
    find: (code: string): Promise<GridView | null> => d.repo.find(code),

    /** The grids whose dashboard this actor opens: a community worker's as granted (a grant
     * covers those beneath), the city's districts for an admin. */
    async ofWorker(actor: Actor): Promise<GridView[]> {
      const scopes = dashboardGrids(actor);
      if (scopes === 'city') return d.repo.children(null);
      const found = await d.repo.findMany(scopes);
      // A grant whose grid was never imported shows nothing: there is nothing to list for it.
      return scopes.flatMap((code) => (found.has(code) ? [found.get(code)!] : []));
    },
  };
}

export type GridDirectory = ReturnType<typeof createGridDirectory>;
