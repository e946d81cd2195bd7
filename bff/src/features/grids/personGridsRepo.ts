/** All SQL on `person_grids`: the grid each person's latest check-in placed them in. */
import type { ResultSetHeader, RowDataPacket } from 'mysql2/promise';
import { randomInt } from 'node:crypto';
import type { Db } from '../../db/pool';
import { RACE_ATTEMPTS, inTransaction, lostRace } from '../../db/transaction';

/** Rows one grid's resident count is spread over (migration 014). */
const RESIDENT_SHARDS = 16;

/** How a person came to their grid: their check-in's address (one filed by a relative counts
 * the same). Other sources (a worker correcting it) would add values. */
export type GridSource = 'checkin';

/** A person of a grid as the dashboard reads them: enough to load their state and mask their name. */
export interface GridMember {
  personId: string;
  gridCode: string;
  /** Null for a grid nobody imported (a district without a grid list). */
  gridName: string | null;
  idHash: Buffer;
  nameEnc: Buffer;
}

/** Where a page starts: after this grid and person (the order is grid, then person). */
export interface MemberKey {
  gridCode: string;
  personId: string;
}

const toMember = (r: RowDataPacket): GridMember => ({
  personId: String(r.person_id),
  gridCode: r.grid_code,
  gridName: r.grid_name ?? null,
  idHash: r.id_hash,
  nameEnc: r.name_enc,
});

const MEMBER_SQL = `SELECT pg.person_id, pg.grid_code, g.name AS grid_name, p.id_hash, p.name_enc
  FROM person_grids pg JOIN persons p ON p.id = pg.person_id LEFT JOIN grids g ON g.code = pg.grid_code`;

export function createPersonGridsRepo(db: Db) {
  return {
    /**
     * Places the person in `gridCode`, and keeps the grids' resident counts (grid_residents)
     * with it in one transaction: a first placement adds one to the grid, a move takes one from
     * the old grid and adds one to the new, the same grid again changes no count. The row is
     * made first if missing (`INSERT … ON DUPLICATE KEY UPDATE`, as checkin_holds: it takes the
     * row's exclusive lock, and says by its affected rows whether it made it), so of two first
     * placements of one person at once exactly one is the first: a locking read of a missing row
     * would let both see nothing and both count the person. READ COMMITTED: no gap locks, so
     * two new people placed at once do not deadlock on each other's gap, and the one that waited
     * reads the other's committed grid.
     */
    async assign(personId: string, gridCode: string, source: GridSource, now: Date): Promise<void> {
      await inTransaction(
        db,
        async (conn) => {
          const [made] = await conn.query<ResultSetHeader>(
            `INSERT INTO person_grids (person_id, grid_code, source, updated_at) VALUES (?, ?, ?, ?)
             ON DUPLICATE KEY UPDATE person_id = person_id`,
            [personId, gridCode, source, now],
          );
          // Affected rows count changes (db/pool.ts): 1 made it, 0 it was there (and is locked).
          let before: string | null = null;
          if (made.affectedRows !== 1) {
            const [held] = await conn.query<RowDataPacket[]>('SELECT grid_code FROM person_grids WHERE person_id = ? FOR UPDATE', [personId]);
            before = String(held[0].grid_code);
            await conn.query('UPDATE person_grids SET grid_code = ?, source = ?, updated_at = ? WHERE person_id = ?', [gridCode, source, now, personId]);
          }
          if (before === gridCode) return;
          // Sorted by grid code: two moves between the same two grids lock their rows in one order.
          const changes = [...(before ? [[before, -1] as const] : []), [gridCode, 1] as const].sort(([a], [b]) => (a < b ? -1 : 1));
          const shard = randomInt(RESIDENT_SHARDS);
          await conn.query(
            `INSERT INTO grid_residents (grid_code, shard, n) VALUES ${changes.map(() => '(?, ?, ?)').join(', ')}
             ON DUPLICATE KEY UPDATE n = n + VALUES(n)`,
            changes.flatMap(([code, n]) => [code, shard, n]),
          );
        },
        { isolation: 'READ COMMITTED', retry: { attempts: RACE_ATTEMPTS, when: lostRace } },
      );
    },

    /**
     * How many people each grid within `grid` holds (its code a prefix of theirs), by the
     * grids people are placed in (communities, or districts for addresses without one): the
     * caller adds them up level by level. Reads the kept counts, never person_grids.
     */
    async residentCounts(grid: string | null): Promise<Map<string, number>> {
      const [rows] = await db.query<RowDataPacket[]>('SELECT grid_code, SUM(n) AS n FROM grid_residents WHERE grid_code LIKE ? GROUP BY grid_code', [
        `${grid ?? ''}%`,
      ]);
      return new Map(rows.map((r) => [String(r.grid_code), Number(r.n)]));
    },

    /** One person with their grid, if they have one. */
    async member(personId: string): Promise<GridMember | null> {
      const [rows] = await db.query<RowDataPacket[]>(`${MEMBER_SQL} WHERE pg.person_id = ?`, [personId]);
      return rows[0] ? toMember(rows[0]) : null;
    },

    /** Up to `limit` people whose grid lies within `grid` (its code is a prefix of theirs),
     * after `after`, in (grid, person) order: the index's order, so a page costs its own rows.
     * Grid codes are digits, so the prefix needs no escaping. */
    async members(grid: string, after: MemberKey | null, limit: number): Promise<GridMember[]> {
      const from = after ?? { gridCode: '', personId: '0' };
      const [rows] = await db.query<RowDataPacket[]>(
        `${MEMBER_SQL} WHERE pg.grid_code LIKE ? AND (pg.grid_code > ? OR (pg.grid_code = ? AND pg.person_id > ?))
         ORDER BY pg.grid_code, pg.person_id LIMIT ?`,
        [`${grid}%`, from.gridCode, from.gridCode, from.personId, limit],
      );
      return rows.map(toMember);
    },
  };
}

export type PersonGridsRepo = ReturnType<typeof createPersonGridsRepo>;
