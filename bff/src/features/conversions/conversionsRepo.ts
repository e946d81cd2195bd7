/** All SQL on `conversion_requests` (migration 012; docs/decisions/0022-conversion-requests.md). */
import type { ResultSetHeader, RowDataPacket } from 'mysql2/promise';
import { DomainError, type Color, type ConversionHandler, type ConversionStatus } from '@yima/shared';
import type { Db } from '../../db/pool';

type Conn = Pick<Db, 'query'>;

export interface ConversionRow {
  id: string;
  personId: string;
  idHash: Buffer;
  filedBy: string;
  byRelative: boolean;
  color: Color;
  reason: string;
  status: ConversionStatus;
  handler: ConversionHandler;
  gridCode: string | null;
  /** The grid's name now (null for a grid nobody imported). */
  gridName: string | null;
  district: string | null;
  hotline: string | null;
  decidedBy: string | null;
  decidedAs: 'community-worker' | 'authority' | null;
  decidedScope: string | null;
  decisionApprove: boolean | null;
  decisionReason: string | null;
  decidedAt: Date | null;
  createdAt: Date;
  /** When it last moved: for an open request, when it reached its handler. */
  updatedAt: Date;
}

/** A row of an inbox: the person's sealed name comes along, for masking. */
export type InboxRow = ConversionRow & { nameEnc: Buffer };

export type NewConversion = Pick<
  ConversionRow,
  'personId' | 'idHash' | 'filedBy' | 'byRelative' | 'color' | 'reason' | 'status' | 'handler' | 'gridCode' | 'district' | 'hotline' | 'createdAt'
>;

/** Where a request moves on a decision. */
export interface ConversionMove {
  status: ConversionStatus;
  handler: ConversionHandler;
  district: string | null;
  hotline: string | null;
  /** Null while the request waits for someone else (forwarded after a worker's approval). */
  decision: { by: string; as: 'community-worker' | 'authority'; scope: string; approve: boolean; reason: string } | null;
  at: Date;
}

/** Whose requests an inbox shows: every one (admin), or those of these grids (a prefix: a
 * grid covers those beneath it) and these districts (as `LIKE` patterns). */
export type InboxScope = 'all' | { grids: string[]; districtPatterns: string[] };

const OPEN: readonly ConversionStatus[] = ['pending', 'forwarded'];
const SELECT = `SELECT cr.*, g.name AS grid_name FROM conversion_requests cr LEFT JOIN grids g ON g.code = cr.grid_code`;

function toRow(r: RowDataPacket): ConversionRow {
  return {
    id: String(r.id),
    personId: String(r.person_id),
    idHash: r.id_hash,
    filedBy: String(r.filed_by),
    byRelative: Boolean(r.by_relative),
    color: r.color,
    reason: r.reason,
    status: r.status,
    handler: r.handler,
    gridCode: r.grid_code ?? null,
    gridName: r.grid_name ?? null,
    district: r.district ?? null,
    hotline: r.hotline ?? null,
    decidedBy: r.decided_by === null ? null : String(r.decided_by),
    decidedAs: r.decided_as ?? null,
    decidedScope: r.decided_scope ?? null,
    decisionApprove: r.decision_approve === null ? null : Boolean(r.decision_approve),
    decisionReason: r.decision_reason ?? null,
    decidedAt: r.decided_at ?? null,
    createdAt: r.created_at,
    updatedAt: r.updated_at,
  };
}

const isDuplicate = (err: unknown) => (err as { code?: string }).code === 'ER_DUP_ENTRY';

export function createConversionsRepo(db: Db) {
  return {
    /** Adds a request; 409 CONVERSION_ALREADY_OPEN when the person has an open one (the
     * unique key on `open_person_id` decides, whatever the race). */
    async add(conn: Conn, c: NewConversion): Promise<string> {
      try {
        const [res] = await conn.query<ResultSetHeader>(
          `INSERT INTO conversion_requests (person_id, id_hash, filed_by, by_relative, color, reason, status, handler, open_person_id,
             grid_code, district, hotline, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
          [
            c.personId,
            c.idHash,
            c.filedBy,
            c.byRelative ? 1 : 0,
            c.color,
            c.reason,
            c.status,
            c.handler,
            OPEN.includes(c.status) ? c.personId : null,
            c.gridCode,
            c.district,
            c.hotline,
            c.createdAt,
            c.createdAt,
          ],
        );
        return String(res.insertId);
      } catch (err) {
        if (isDuplicate(err)) throw new DomainError('CONVERSION_ALREADY_OPEN', 'a conversion request of this person is already waiting for a decision');
        throw err;
      }
    },

    async find(id: string, conn: Conn = db): Promise<ConversionRow | null> {
      const [rows] = await conn.query<RowDataPacket[]>(`${SELECT} WHERE cr.id = ?`, [id]);
      return rows[0] ? toRow(rows[0]) : null;
    },

    /** The request with its row locked until `conn`'s transaction ends: decisions of one
     * request run one after the other, and the second sees what the first did. */
    async lock(conn: Conn, id: string): Promise<ConversionRow | null> {
      const [rows] = await conn.query<RowDataPacket[]>('SELECT id FROM conversion_requests WHERE id = ? FOR UPDATE', [id]);
      return rows[0] ? this.find(id, conn) : null;
    },

    async move(conn: Conn, id: string, m: ConversionMove): Promise<void> {
      const open = OPEN.includes(m.status);
      await conn.query(
        `UPDATE conversion_requests SET status = ?, handler = ?, district = ?, hotline = ?, open_person_id = IF(?, person_id, NULL),
           decided_by = ?, decided_as = ?, decided_scope = ?, decision_approve = ?, decision_reason = ?, decided_at = ?, updated_at = ? WHERE id = ?`,
        [
          m.status,
          m.handler,
          m.district,
          m.hotline,
          open,
          m.decision?.by ?? null,
          m.decision?.as ?? null,
          m.decision?.scope ?? null,
          m.decision ? (m.decision.approve ? 1 : 0) : null,
          m.decision?.reason ?? null,
          m.decision ? m.at : null,
          m.at,
          id,
        ],
      );
    },

    /** A person's requests, newest first. */
    async ofPerson(personId: string, limit: number): Promise<ConversionRow[]> {
      const [rows] = await db.query<RowDataPacket[]>(`${SELECT} WHERE cr.person_id = ? ORDER BY cr.id DESC LIMIT ?`, [personId, limit]);
      return rows.map(toRow);
    },

    /** Which of these people have a request waiting for a grid's community workers. */
    async pendingAmong(personIds: string[]): Promise<Set<string>> {
      if (!personIds.length) return new Set();
      const [rows] = await db.query<RowDataPacket[]>(
        "SELECT open_person_id FROM conversion_requests WHERE open_person_id IN (?) AND status = 'pending' AND handler = 'community'",
        [personIds],
      );
      return new Set(rows.map((r) => String(r.open_person_id)));
    },

    /** An inbox page, oldest first, after request `afterId`. */
    async inbox(scope: InboxScope, statuses: readonly ConversionStatus[], afterId: string, limit: number): Promise<InboxRow[]> {
      const where: string[] = [];
      const params: unknown[] = [];
      if (scope !== 'all') {
        for (const g of scope.grids) {
          where.push("(cr.handler = 'community' AND cr.grid_code LIKE ?)");
          params.push(`${g}%`);
        }
        for (const p of scope.districtPatterns) {
          where.push("(cr.handler = 'authority' AND cr.district LIKE ?)");
          params.push(p);
        }
        if (!where.length) return [];
      }
      const [rows] = await db.query<RowDataPacket[]>(
        `SELECT cr.*, g.name AS grid_name, p.name_enc FROM conversion_requests cr JOIN persons p ON p.id = cr.person_id
           LEFT JOIN grids g ON g.code = cr.grid_code
         WHERE cr.status IN (?) AND cr.id > ? ${where.length ? `AND (${where.join(' OR ')})` : ''} ORDER BY cr.id LIMIT ?`,
        [statuses, afterId, ...params, limit],
      );
      return rows.map((r) => ({ ...toRow(r), nameEnc: r.name_enc }));
    },
  };
}

export type ConversionsRepo = ReturnType<typeof createConversionsRepo>;
