/** Contracts of grids and their residents' dashboard (SPEC C8, docs/decisions/0019). */
import { z } from 'zod';
import { GRID_LEVELS, RESIDENT_FILTERS, isGridCode, parseGridCode } from '../grids';
import { safeText } from './text';

/** A district (6 digits), street (9) or community (12): a statistical division code. */
export const gridCode = z.string().refine(isGridCode, 'must be a grid code: a 6-digit district, 9-digit street or 12-digit community code');

/** A community's 12-digit code (社区/村). */
export const communityCode = z.string().refine((c) => parseGridCode(c)?.level === 'community', 'must be a 12-digit community code');

/** One line of a grid import (`npm run admin -- grids import`, CSV `code,name`). */
export const gridImportRow = z.strictObject({
  code: gridCode,
  name: z.string().trim().min(1).max(60).superRefine(safeText()),
});
export type GridImportRow = z.infer<typeof gridImportRow>;

/** `GET /api/grids`: the children of `parent` (the districts without it); with `level`, every
 * grid of that level beneath `parent` (the communities of a district, for the check-in form). */
export const gridListQuery = z.strictObject({
  parent: gridCode.optional().describe('the grid whose children are listed; none: the districts'),
  level: z.enum(GRID_LEVELS).optional().describe('every grid of this level beneath `parent`, rather than its children'),
});

/** `GET /api/grids/:code/residents`. */
export const residentListQuery = z.strictObject({
  filter: z.enum(RESIDENT_FILTERS).optional().describe('only residents overdue with their check-in, or of this merged colour'),
  cursor: z
    .string()
    .regex(/^\d{6,12}-\d{1,20}$/, 'must be a nextCursor this route answered')
    .optional()
    .describe('the `nextCursor` of the previous page'),
  limit: z
    .string()
    .regex(/^([1-9]\d?|100)$/, 'must be 1–100')
    .optional()
    .describe('residents per page, 1–100 (default 50)'),
});

// Response types are inferred from the response schemas (./responses/grids).
export type { GridView, GridResident, GridResidentList, GridResidentDetail, ResidentCheckin } from './responses/grids';
