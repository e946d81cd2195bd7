/** All SQL on `checkins`. */
import type { ResultSetHeader, RowDataPacket } from 'mysql2/promise';
import type { CheckinRecord, CheckinRequest, Color, ReasonCode } from '@yima/shared';
import type { Db } from '../../db/pool';
import { count } from '../stats';

export interface CheckinRow extends CheckinRecord {
  day: string;
  /** Filed by a relative rather than the person's own account (set by latestFor). */
  byRelative?: boolean;
  /** An approved conversion request vouched that it was declared by mistake (decision 0022):
   * the merge reads it as healthy. */
  converted?: boolean;
  color: Color;
  reasons: ReasonCode[];
}

const parseAnswers = (v: unknown): CheckinRequest => (typeof v === 'string' ? JSON.parse(v) : v) as CheckinRequest;

function toRow(r: RowDataPacket): CheckinRow {
  return {
    day: typeof r.day === 'string' ? r.day : (r.day as Date).toISOString().slice(0, 10),
    answers: parseAnswers(r.answers),
    color: r.color as Color,
    reasons: (r.reasons as string).split(',').filter(Boolean) as ReasonCode[],
    checkedInAt: r.checked_in_at,
    ...(r.converted_at ? { converted: true } : {}),
  };
}

export function createCheckinsRepo(db: Db) {
  return {
    /** One row per person per day, in the caller's transaction (the check-in's, with the
     * person's hold locked); returns whether this replaced the day's earlier answers. The day's
     * first check-in of a person is counted in the statistics (`checkins`, by who filed it:
     * the person's own account or a relative's) in the same transaction, and in its grid's
     * completion (`checkinsByGrid`, by the grid the address placed them in). */
    async upsert(
      personId: string,
      row: CheckinRow,
      filed: { by: 'self' | 'relative'; userId: string; grid: string },
      conn: Pick<Db, 'query'>,
    ): Promise<{ updated: boolean }> {
      const [res] = await conn.query<ResultSetHeader>(
        `INSERT INTO checkins (person_id, day, answers, color, reasons, checked_in_at, filed_by) VALUES (?, ?, ?, ?, ?, ?, ?)
         ON DUPLICATE KEY UPDATE answers = VALUES(answers), color = VALUES(color), reasons = VALUES(reasons),
           checked_in_at = VALUES(checked_in_at), filed_by = VALUES(filed_by), converted_at = NULL`,
        [personId, row.day, JSON.stringify(row.answers), row.color, row.reasons.join(','), row.checkedInAt, filed.userId],
      );
      // Affected rows count changes (db/pool.ts, no FOUND_ROWS): 1 an insert, 2 a changed
      // row, 0 the same answers again — only 1 is a new check-in.
      const inserted = res.affectedRows === 1;
      if (inserted)
        await count(conn, [
          { day: row.day, metric: 'checkins', dimension: filed.by, n: 1 },
          { day: row.day, metric: 'checkinsByGrid', dimension: filed.grid, n: 1 },
        ]);
      return { updated: !inserted };
    },

    async latest(personId: string, conn: Pick<Db, 'query'> = db): Promise<CheckinRow | null> {
      const [rows] = await conn.query<RowDataPacket[]>(
        'SELECT day, answers, color, reasons, checked_in_at, converted_at FROM checkins WHERE person_id = ? ORDER BY day DESC LIMIT 1',
        [personId],
      );
      return rows[0] ? toRow(rows[0]) : null;
    },

    /** The person's check-ins from `fromDay`; only those `filedBy` filed, when given. Each says
     * whether a relative filed it (`byRelative`). */
    async since(personId: string, fromDay: string, filedBy: string | null = null): Promise<CheckinRow[]> {
      const [rows] = await db.query<RowDataPacket[]>(
        `SELECT DATE_FORMAT(c.day, "%Y-%m-%d") AS day, c.answers, c.color, c.reasons, c.checked_in_at, (fu.person_id <=> c.person_id) AS by_self
         FROM checkins c LEFT JOIN users fu ON fu.id = c.filed_by
         WHERE c.person_id = ? AND c.day >= ? AND (? IS NULL OR c.filed_by = ?) ORDER BY c.day DESC`,
        [personId, fromDay, filedBy, filedBy],
      );
      return rows.map((r) => ({ ...toRow(r), byRelative: Number(r.by_self) !== 1 }));
    },

    /** Marks the person's check-in in force as converted (an approved conversion request), in
     * the approving transaction; a later check-in of the same day replaces the row and clears it. */
    async markConverted(conn: Pick<Db, 'query'>, personId: string, at: Date): Promise<void> {
      await conn.query('UPDATE checkins SET converted_at = ? WHERE person_id = ? ORDER BY day DESC LIMIT 1', [at, personId]);
    },

    /** The latest check-in of each of these people. */
    async latestFor(personIds: string[], conn: Pick<Db, 'query'> = db): Promise<Map<string, CheckinRow>> {
      if (!personIds.length) return new Map();
      const [rows] = await conn.query<RowDataPacket[]>(
        `SELECT c.person_id, c.day, c.answers, c.color, c.reasons, c.checked_in_at, c.converted_at, (fu.person_id <=> c.person_id) AS by_self FROM checkins c
         JOIN (SELECT person_id, MAX(day) AS day FROM checkins WHERE person_id IN (?) GROUP BY person_id) l ON l.person_id = c.person_id AND l.day = c.day
         LEFT JOIN users fu ON fu.id = c.filed_by`,
        [personIds],
      );
      return new Map(rows.map((r) => [String(r.person_id), { ...toRow(r), byRelative: Number(r.by_self) !== 1 }]));
    },
  };
}

export type CheckinsRepo = ReturnType<typeof createCheckinsRepo>;
