/** All SQL on `grids`: the district → street → community tree (docs/decisions/0019). */
import type { RowDataPacket } from 'mysql2/promise';
import { parseGridCode, type GridLevel, type GridView } from '@yima/shared';
import type { Db } from '../../db/pool';

/** The most grids one list answers: a district has a few hundred communities at most. */
export const MAX_LISTED = 2000;

const toView = (r: RowDataPacket): GridView => ({ code: r.code, name: r.name, level: r.level as GridLevel, parent: r.parent_code ?? null });
const COLUMNS = 'code, parent_code, level, name';

export function createGridsRepo(db: Db) {
  return {
    async find(code: string): Promise<GridView | null> {
      const [rows] = await db.query<RowDataPacket[]>(`SELECT ${COLUMNS} FROM grids WHERE code = ?`, [code]);
      return rows[0] ? toView(rows[0]) : null;
    },

    /** Those of `codes` that exist, by code. */
    async findMany(codes: string[]): Promise<Map<string, GridView>> {
      if (!codes.length) return new Map();
      const [rows] = await db.query<RowDataPacket[]>(`SELECT ${COLUMNS} FROM grids WHERE code IN (?)`, [codes]);
      return new Map(rows.map((r) => [String(r.code), toView(r)]));
    },

    /** The children of `parent` (the districts when null), by code. */
    async children(parent: string | null): Promise<GridView[]> {
      const [rows] =
        parent === null
          ? await db.query<RowDataPacket[]>(`SELECT ${COLUMNS} FROM grids WHERE parent_code IS NULL ORDER BY code LIMIT ?`, [MAX_LISTED])
          : await db.query<RowDataPacket[]>(`SELECT ${COLUMNS} FROM grids WHERE parent_code = ? ORDER BY code LIMIT ?`, [parent, MAX_LISTED]);
      return rows.map(toView);
    },

    /** Every grid of `level` beneath `parent` (the communities of a district), by code. Codes
     * are digits, so the prefix needs no escaping. */
    async beneath(parent: string, level: GridLevel): Promise<GridView[]> {
      const [rows] = await db.query<RowDataPacket[]>(`SELECT ${COLUMNS} FROM grids WHERE code LIKE ? AND code <> ? AND level = ? ORDER BY code LIMIT ?`, [
        `${parent}%`,
        parent,
        level,
        MAX_LISTED,
      ]);
      return rows.map(toView);
    },

    /** Adds or renames grids by code: an import run again changes nothing. Level and parent
     * follow from the code. */
    async upsertMany(grids: { code: string; name: string }[], now: Date): Promise<void> {
      for (let i = 0; i < grids.length; i += 500) {
        const values = grids.slice(i, i + 500).map((g) => {
          const parsed = parseGridCode(g.code);
          if (!parsed) throw new Error(`not a grid code: ${g.code}`);
          return [g.code, parsed.parent, parsed.level, g.name, now, now];
        });
        // updated_at first: it compares the name before the name is changed.
        await db.query(
          `INSERT INTO grids (code, parent_code, level, name, created_at, updated_at) VALUES ?
           ON DUPLICATE KEY UPDATE updated_at = IF(name = VALUES(name), updated_at, VALUES(updated_at)), name = VALUES(name)`,
          [values],
        );
      }
    },
  };
}

export type GridsRepo = ReturnType<typeof createGridsRepo>;
