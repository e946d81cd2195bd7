/** All SQL on `risk_areas`. A new level for a region closes the open period of its previous
 * level, in one transaction, so a region has one open period at a time. */
import type { ResultSetHeader, RowDataPacket } from 'mysql2/promise';
import type { RiskArea, RiskLevel } from '@yima/shared';
import type { Db } from '../../db/pool';
import { inTransaction } from '../../db/transaction';

export interface RiskAreaRow extends RiskArea {
  id: string;
}

const toRow = (r: RowDataPacket): RiskAreaRow => ({
  id: String(r.id),
  code: r.code,
  name: r.name,
  level: r.level as RiskLevel,
  effectiveFrom: r.effective_from,
  effectiveTo: r.effective_to,
});

export function createRiskAreasRepo(db: Db) {
  return {
    /** Periods still relevant at `since` or later (open, or ended after it). */
    async relevantSince(since: Date): Promise<RiskAreaRow[]> {
      const [rows] = await db.query<RowDataPacket[]>(
        'SELECT id, code, name, level, effective_from, effective_to FROM risk_areas WHERE effective_to IS NULL OR effective_to >= ? ORDER BY code, effective_from',
        [since],
      );
      return rows.map(toRow);
    },

    async find(id: string): Promise<RiskAreaRow | null> {
      if (!/^\d{1,18}$/.test(id)) return null;
      const [rows] = await db.query<RowDataPacket[]>('SELECT id, code, name, level, effective_from, effective_to FROM risk_areas WHERE id = ?', [id]);
      return rows[0] ? toRow(rows[0]) : null;
    },

    /** Ends a period at `at` unless it had already ended by `now`: false when it had (or when
     * another operator ended it first — the condition is the statement's, not a read's). */
    async end(id: string, at: Date, now: Date): Promise<boolean> {
      const [res] = await db.query<ResultSetHeader>('UPDATE risk_areas SET effective_to = ? WHERE id = ? AND (effective_to IS NULL OR effective_to > ?)', [
        at,
        id,
        now,
      ]);
      return res.affectedRows === 1;
    },

    async add(area: Omit<RiskArea, 'effectiveTo'> & { effectiveTo: Date | null }, createdBy: string | null, now: Date): Promise<string> {
      return inTransaction(db, async (conn) => {
        await conn.query('UPDATE risk_areas SET effective_to = ? WHERE code = ? AND effective_to IS NULL AND effective_from <= ?', [
          area.effectiveFrom,
          area.code,
          area.effectiveFrom,
        ]);
        const [res] = await conn.query<ResultSetHeader>(
          'INSERT INTO risk_areas (code, name, level, effective_from, effective_to, created_by, created_at) VALUES (?, ?, ?, ?, ?, ?, ?)',
          [area.code, area.name, area.level, area.effectiveFrom, area.effectiveTo, createdBy, now],
        );
        return String(res.insertId);
      });
    },
  };
}

export type RiskAreasRepo = ReturnType<typeof createRiskAreasRepo>;
