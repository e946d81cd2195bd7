/** All SQL that reads the statistics, records their exports, and ages out active people. */
import type { ResultSetHeader, RowDataPacket } from 'mysql2/promise';
import type { Db } from '../../db/pool';

export interface CounterRow {
  day: string;
  metric: string;
  dimension: string;
  value: number;
}

const BATCH = 5000;
const PAUSE_MS = 50;

export function createStatsRepo(db: Db) {
  return {
    /** Every counter of the days `from`–`to`, its shards added up. At most 92 days × a few
     * dozen counters × 16 shards: a range of the primary key. */
    async counters(from: string, to: string): Promise<CounterRow[]> {
      const [rows] = await db.query<RowDataPacket[]>(
        `SELECT DATE_FORMAT(day, '%Y-%m-%d') AS day, metric, dimension, SUM(value) AS value FROM stats_daily
         WHERE day BETWEEN ? AND ? GROUP BY day, metric, dimension`,
        [from, to],
      );
      return rows.map((r) => ({ day: String(r.day), metric: String(r.metric), dimension: String(r.dimension), value: Number(r.value) }));
    },

    /** One day's counters of `metric` whose dimension begins with `prefix` (grid codes), by
     * dimension, shards added up. */
    async dimensions(day: string, metric: string, prefix: string): Promise<Map<string, number>> {
      const [rows] = await db.query<RowDataPacket[]>(
        'SELECT dimension, SUM(value) AS value FROM stats_daily WHERE day = ? AND metric = ? AND dimension LIKE ? GROUP BY dimension',
        [day, metric, `${prefix}%`],
      );
      return new Map(rows.map((r) => [String(r.dimension), Number(r.value)]));
    },

    /** The audit of a CSV export (append-only table). */
    async recordExport(userId: string, from: string, to: string, dayCount: number, at: Date): Promise<void> {
      await db.query('INSERT INTO stats_exports (user_id, from_day, to_day, day_count, at) VALUES (?, ?, ?, ?, ?)', [userId, from, to, dayCount, at]);
    },

    /** Deletes active-people rows of days before `beforeDay`, in small batches (their count
     * is kept in stats_daily; the rows only served to count each person once). */
    async deleteActiveBefore(beforeDay: string): Promise<number> {
      let total = 0;
      for (;;) {
        const [res] = await db.query<ResultSetHeader>('DELETE FROM stats_active_people WHERE day < ? ORDER BY day, person_id LIMIT ?', [beforeDay, BATCH]);
        total += res.affectedRows;
        if (res.affectedRows < BATCH) return total;
        await new Promise((resolve) => setTimeout(resolve, PAUSE_MS));
      }
    },
  };
}

export type StatsRepo = ReturnType<typeof createStatsRepo>;
