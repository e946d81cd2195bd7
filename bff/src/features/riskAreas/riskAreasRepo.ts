/** All SQL on `risk_areas`. A new level for a region closes the open period of its previous
 * level, in one transaction, so a region has one open period at a time. */
import type { ResultSetHeader, RowDataPacket } from 'mysql2/promise';
import type { RiskArea, RiskLevel } from '@yima/shared';
import type { Db } from '../../db/pool';
import { inTransaction } from '../../db/transaction';

export interface RiskAreaRow extends RiskArea {
  id: string;
}

export function createRiskAreasRepo(db: Db) {
  return {
    /** Periods still relevant at `since` or later (open, or ended after it). */
    async relevantSince(since: Date): Promise<RiskAreaRow[]> {
      const [rows] = await db.query<RowDataPacket[]>(
        'SELECT id, code, name, level, effective_from, effective_to FROM risk_areas WHERE effective_to IS NULL OR effective_to >= ? ORDER BY code, effective_from',
        [since],
      );
      return rows.map((r) => ({
        id: String(r.id),
        code: r.code,
        name: r.name,
        level: r.level as RiskLevel,
        effectiveFrom: r.effective_from,
        effectiveTo: r.effective_to,
      }));
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
