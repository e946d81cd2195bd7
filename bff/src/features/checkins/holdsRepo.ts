/** All SQL on `checkin_holds`: what a person's check-ins hold (shared/src/colourTransitions.ts). */
import type { RowDataPacket } from 'mysql2/promise';
import type { CheckinHold, HeldColor, ReasonCode } from '@yima/shared';
import type { Db } from '../../db/pool';

type Conn = Pick<Db, 'query'>;

const COLUMNS = "person_id, color, reasons, since, DATE_FORMAT(run_from, '%Y-%m-%d') AS run_from, DATE_FORMAT(run_to, '%Y-%m-%d') AS run_to";

function toHold(r: RowDataPacket): CheckinHold | null {
  if (!r.color) return null;
  return {
    color: r.color as HeldColor,
    reasons: String(r.reasons).split(',').filter(Boolean) as ReasonCode[],
    since: r.since as Date,
    runFrom: (r.run_from as string | null) ?? null,
    runTo: (r.run_to as string | null) ?? null,
  };
}

export function createHoldsRepo(db: Db) {
  return {
    /**
     * The person's hold, with their row locked until `conn`'s transaction ends, so check-ins of
     * one person fold one after another. The row is made first if missing (and kept, `color`
     * NULL when nothing is held): locking a missing row would leave two first check-ins with
     * gap locks only, and both inserts would then deadlock. The upsert takes the row's
     * exclusive lock itself; the locking read then sees the newest committed row.
     */
    async lock(conn: Conn, personId: string, at: Date): Promise<CheckinHold | null> {
      await conn.query('INSERT INTO checkin_holds (person_id, updated_at) VALUES (?, ?) ON DUPLICATE KEY UPDATE person_id = person_id', [personId, at]);
      const [rows] = await conn.query<RowDataPacket[]>(`SELECT ${COLUMNS} FROM checkin_holds WHERE person_id = ? FOR UPDATE`, [personId]);
      return rows[0] ? toHold(rows[0]) : null;
    },

    /** Writes the folded hold (null: nothing held) on the row `lock` took. */
    async save(conn: Conn, personId: string, hold: CheckinHold | null, at: Date): Promise<void> {
      await conn.query('UPDATE checkin_holds SET color = ?, reasons = ?, since = ?, run_from = ?, run_to = ?, updated_at = ? WHERE person_id = ?', [
        hold?.color ?? null,
        hold?.reasons.join(',') ?? '',
        hold?.since ?? null,
        hold?.runFrom ?? null,
        hold?.runTo ?? null,
        at,
        personId,
      ]);
    },

    /** The holds of these people (those with nothing held are left out). */
    async holdsFor(personIds: string[], conn: Conn = db): Promise<Map<string, CheckinHold>> {
      if (!personIds.length) return new Map();
      const [rows] = await conn.query<RowDataPacket[]>(`SELECT ${COLUMNS} FROM checkin_holds WHERE person_id IN (?) AND color IS NOT NULL`, [personIds]);
      const out = new Map<string, CheckinHold>();
      for (const r of rows) {
        const hold = toHold(r);
        if (hold) out.set(String(r.person_id), hold);
      }
      return out;
    },
  };
}

export type HoldsRepo = ReturnType<typeof createHoldsRepo>;
