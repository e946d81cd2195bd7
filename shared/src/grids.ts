/**
 * Grids (网格, SPEC C8): the city's district → street → community tree, named by China's
 * statistical division codes (统计用区划代码). A district is the 6-digit GB/T 2260 region code
 * addresses already use (`110105`); a street (街道/乡镇) adds 3 digits (`110105001`); a
 * community (社区/村) 3 more (`110105001001`). So a code says its own level and parent, and a
 * grid lies within another exactly when its code starts with the other's.
 * docs/decisions/0019-grids-and-community-workers.md.
 */

export const GRID_LEVELS = ['district', 'street', 'community'] as const;
export type GridLevel = (typeof GRID_LEVELS)[number];

/** The code's length at each level. */
export const GRID_CODE_LENGTH: Record<GridLevel, number> = { district: 6, street: 9, community: 12 };

/** A GB/T 2260 region code: six digits, province 11–82 (an address's district, a risk area). */
export const REGION_CODE = /^(1[1-5]|2[1-3]|3[1-7]|4[1-6]|5[0-4]|6[1-5]|71|8[12])\d{4}$/;
/** `000` never ends a street or community: in the statistical codes it means "the level above". */
const PART = /^(?!000)\d{3}$/;

export interface GridCode {
  code: string;
  level: GridLevel;
  /** The grid it lies in; null for a district (the top of the tree). */
  parent: string | null;
}

/** The level and parent of a grid code, or null when it is not one. */
export function parseGridCode(code: string): GridCode | null {
  if (typeof code !== 'string' || !REGION_CODE.test(code.slice(0, 6))) return null;
  if (code.length === 6) return { code, level: 'district', parent: null };
  if (code.length === 9 && PART.test(code.slice(6))) return { code, level: 'street', parent: code.slice(0, 6) };
  if (code.length === 12 && PART.test(code.slice(6, 9)) && PART.test(code.slice(9))) return { code, level: 'community', parent: code.slice(0, 9) };
  return null;
}

export const isGridCode = (code: string): boolean => parseGridCode(code) !== null;

/** Whether a grant for grid `holder` covers grid `target`: the same grid, or one beneath it (a
 * street covers its communities, a district its streets and their communities). Both must be
 * grid codes; anything else covers nothing. */
export function gridCovers(holder: string, target: string): boolean {
  if (!isGridCode(holder) || !isGridCode(target)) return false;
  return target.startsWith(holder);
}

/** The district a grid lies in. */
export const districtOf = (code: string): string => code.slice(0, 6);

/**
 * What a grid's dashboard can be narrowed to: residents whose check-in no longer counts
 * (`overdue`: never checked in, or the last one is over 3 days old — the code page's "due"),
 * or whose merged colour is yellow or red, or who have a conversion request (转码申请) waiting
 * for the grid's community workers (`pending`; docs/decisions/0022).
 */
export const RESIDENT_FILTERS = ['overdue', 'yellow', 'red', 'pending'] as const;
export type ResidentFilter = (typeof RESIDENT_FILTERS)[number];

/**
 * Why a line of a person's history (`GET /api/me/audit`) says someone looked at their record
 * through a grid's dashboard: a community worker of the grid, or an admin. Such a line names
 * the grid in `params` (`scope`, `scopeName`) and has the colour shown as both `from` and `to`.
 */
export const RECORD_VIEW_REASONS = ['VIEWED_BY_COMMUNITY_WORKER', 'VIEWED_BY_ADMIN'] as const;
export type RecordViewReason = (typeof RECORD_VIEW_REASONS)[number];
export const isRecordView = (reasonCode: string): reasonCode is RecordViewReason => (RECORD_VIEW_REASONS as readonly string[]).includes(reasonCode);
