/**
 * All SQL on `record_views`: who looked at a person's record through a dashboard, and the
 * colour they were shown. Append and read only, like the colour history it is read beside
 * (db/grants.ts). Kept apart from `colour_history` on purpose: a view changes no colour, so it
 * must not end a history (`headsOf`), count as something others reported about the person
 * (identity's restriction), or keep a record from being released.
 */
import type { RowDataPacket } from 'mysql2/promise';
import type { Color } from '@yima/shared';
import type { Db } from '../../db/pool';

export interface RecordView {
  idHash: Buffer;
  viewerUserId: string;
  /** Why the record was open to them (`VIEWED_BY_COMMUNITY_WORKER`, `VIEWED_BY_ADMIN`). */
  reasonCode: string;
  /** What they looked through (a grid's code) and its name then. */
  scope: string;
  scopeName: string;
  /** The merged colour shown, and the source that decided it ('none' when nothing did). */
  color: Color;
  decidedBy: string;
  at: Date;
}

const clip = (s: string, n: number) => (s.length > n ? s.slice(0, n) : s);

export function createRecordViewsRepo(db: Db) {
  return {
    async append(v: RecordView): Promise<void> {
      await db.query(
        'INSERT INTO record_views (id_hash, viewer_user_id, reason_code, scope, scope_name, color, decided_by, at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)',
        [v.idHash, v.viewerUserId, clip(v.reasonCode, 40), clip(v.scope, 64), clip(v.scopeName, 60), v.color, clip(v.decidedBy, 80), v.at],
      );
    },

    /** The newest `limit` views of a person's record, newest first. */
    async listFor(idHash: Buffer, limit: number): Promise<RecordView[]> {
      const [rows] = await db.query<RowDataPacket[]>('SELECT * FROM record_views WHERE id_hash = ? ORDER BY id DESC LIMIT ?', [idHash, limit]);
      return rows.map((r) => ({
        idHash: r.id_hash,
        viewerUserId: String(r.viewer_user_id),
        reasonCode: r.reason_code,
        scope: r.scope,
        scopeName: r.scope_name,
        color: r.color as Color,
        decidedBy: r.decided_by,
        at: r.at,
      }));
    },
  };
}

export type RecordViewsRepo = ReturnType<typeof createRecordViewsRepo>;
