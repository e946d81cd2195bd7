/**
 * The shift's record (issue 13): the place's visits of the China day, newest first, masked as
 * the visit log keeps them, at most SHIFT_LIST_CAP, with the day's count. Read from `visits` by
 * its (venue_id, at) index, one day of one place: bounded. Scans reach the table from the
 * visit stream within a second or so (visitLog.ts); a visitor recorded by hand at once.
 */
import type { RowDataPacket } from 'mysql2/promise';
import { chinaDate, COLORS, type Color, type ShiftScans } from '@yima/shared';
import type { Clock } from '../../clock';
import type { Db } from '../../db/pool';
import { UNREGISTERED_VIA } from './unregisteredVisits';
import type { VisitVia } from './visitLog';

export const SHIFT_LIST_CAP = 100;
const RECOGNISED = 'recognised:';

const HOW: Record<VisitVia | typeof UNREGISTERED_VIA, ShiftScans['scans'][number]['via']> = {
  'staff-scan': 'scan',
  'offline-scan': 'scan',
  'id-lookup': 'lookup',
  unregistered: 'unregistered',
  'resident-scan': 'self',
};

export function createShiftRecord(d: { db: Db; clock: Clock }) {
  return {
    async today(venueId: string): Promise<ShiftScans> {
      const day = chinaDate(d.clock.now());
      const from = new Date(`${day}T00:00:00+08:00`);
      const to = new Date(from.getTime() + 86400_000);
      const [[total]] = await d.db.query<RowDataPacket[]>('SELECT COUNT(*) AS n FROM visits WHERE venue_id = ? AND at >= ? AND at < ?', [venueId, from, to]);
      const [rows] = await d.db.query<RowDataPacket[]>(
        'SELECT holder, color, via, at FROM visits WHERE venue_id = ? AND at >= ? AND at < ? ORDER BY at DESC, id DESC LIMIT ?',
        [venueId, from, to, SHIFT_LIST_CAP],
      );
      return {
        day,
        count: Number(total.n),
        scans: rows.map((r) => {
          const holder = String(r.holder);
          const recognised = holder.startsWith(RECOGNISED);
          return {
            at: new Date(r.at).toISOString(),
            holder: recognised ? null : { name: holder },
            issuer: recognised ? holder.slice(RECOGNISED.length) : null,
            color: (COLORS as readonly string[]).includes(String(r.color)) ? (String(r.color) as Color) : null,
            via: HOW[String(r.via) as VisitVia] ?? 'scan',
          };
        }),
      };
    },
  };
}

export type ShiftRecord = ReturnType<typeof createShiftRecord>;
