/**
 * All SQL on `colour_history`. Append and read only: the BFF's database account may not
 * update or delete it (db/grants.ts; test/integration/colourHistory.test.ts shows it).
 */
import type { RowDataPacket } from 'mysql2/promise';
import { escape } from 'mysql2';
import type { Color } from '@yima/shared';
import type { Db } from '../../db/pool';
import { hexList, sqlTime } from '../../db/sqlLiterals';

export interface HistoryEntry {
  idHash: Buffer;
  oldColor: Color;
  newColor: Color;
  decidedBy: string;
  actor: string;
  reasonCode: string;
  reasonText: string;
  /** What the reason code's words fill in (decision 0017), e.g. a run's `{days}`; none for most. */
  reasonParams?: Record<string, string | number>;
  at: Date;
}

const paramsText = (p: HistoryEntry['reasonParams']) => (p && Object.keys(p).length ? escape(JSON.stringify(p)) : 'NULL');

function parseParams(v: unknown): Record<string, string | number> {
  if (typeof v !== 'string' || !v) return {};
  try {
    const parsed = JSON.parse(v) as unknown;
    return parsed && typeof parsed === 'object' && !Array.isArray(parsed) ? (parsed as Record<string, string | number>) : {};
  } catch {
    return {};
  }
}

const clip = (s: string, n: number) => (s.length > n ? s.slice(0, n) : s);

export function createHistoryRepo(db: Db) {
  return {
    async append(entries: HistoryEntry[], conn: Pick<Db, 'query'> = db): Promise<void> {
      if (!entries.length) return;
      const values = entries
        .map(
          (e) =>
            `(X'${e.idHash.toString('hex')}',${escape(e.oldColor)},${escape(e.newColor)},${escape(clip(e.decidedBy, 80))},${escape(clip(e.actor, 80))},${escape(clip(e.reasonCode, 40))},${escape(clip(e.reasonText, 200))},${paramsText(e.reasonParams)},${sqlTime(e.at)})`,
        )
        .join(',');
      await conn.query(
        `INSERT INTO colour_history (id_hash, old_color, new_color, decided_by, actor, reason_code, reason_text, reason_params, at) VALUES ${values}`,
      );
    },

    /** The colour each person's history ends on (the colour they were last shown). */
    async headsOf(hashes: Buffer[], conn: Pick<Db, 'query'> = db): Promise<Map<string, Color>> {
      if (!hashes.length) return new Map();
      const [rows] = await conn.query<RowDataPacket[]>(
        `SELECT h.id_hash, h.new_color FROM colour_history h
         JOIN (SELECT MAX(id) AS id FROM colour_history WHERE id_hash IN (${hexList(hashes)}) GROUP BY id_hash) last ON last.id = h.id`,
      );
      return new Map(rows.map((r) => [(r.id_hash as Buffer).toString('hex'), r.new_color as Color]));
    },

    async listFor(idHash: Buffer, limit: number): Promise<(HistoryEntry & { id: string; reasonParams: Record<string, string | number> })[]> {
      const [rows] = await db.query<RowDataPacket[]>('SELECT * FROM colour_history WHERE id_hash = ? ORDER BY id DESC LIMIT ?', [idHash, limit]);
      return rows.map((r) => ({
        id: String(r.id),
        idHash: r.id_hash,
        oldColor: r.old_color,
        newColor: r.new_color,
        decidedBy: r.decided_by,
        actor: r.actor,
        reasonCode: r.reason_code,
        reasonText: r.reason_text,
        reasonParams: parseParams(r.reason_params),
        at: r.at,
      }));
    },
  };
}

export type HistoryRepo = ReturnType<typeof createHistoryRepo>;
