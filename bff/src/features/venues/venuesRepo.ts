/** All SQL on `venues`. */
import { randomBytes, randomInt } from 'node:crypto';
import type { ResultSetHeader, RowDataPacket } from 'mysql2/promise';
import type { VenuePatch, VenueRequest, VenueType } from '@yima/shared';
import type { Db } from '../../db/pool';

export interface VenueRow {
  id: string;
  placeCode: string;
  type: VenueType;
  name: string;
  address: string;
  district: string;
  lat: number | null;
  lng: number | null;
  organisation: string;
  active: boolean;
  rotating: boolean;
  /** A negative nucleic-acid test sampled within this many hours is required; null: none. */
  requiredTestHours: number | null;
  codeSecret: Buffer;
}

const ALPHABET = 'ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz23456789';
/** 10 characters from 57: ~58 bits, not guessable from a neighbour's poster. */
export function newPlaceCode(): string {
  let out = '';
  for (let i = 0; i < 10; i++) out += ALPHABET[randomInt(ALPHABET.length)];
  return out;
}

function toVenue(r: RowDataPacket): VenueRow {
  return {
    id: String(r.id),
    placeCode: r.place_code,
    type: r.type,
    name: r.name,
    address: r.address,
    district: r.district,
    lat: r.lat === null ? null : Number(r.lat),
    lng: r.lng === null ? null : Number(r.lng),
    organisation: r.organisation,
    active: r.active === 1,
    rotating: r.rotating === 1,
    requiredTestHours: r.required_test_hours === null || r.required_test_hours === undefined ? null : Number(r.required_test_hours),
    codeSecret: r.code_secret,
  };
}

export function createVenuesRepo(db: Db) {
  return {
    /** Inserts many at once (the CSV import): one statement, all or nothing. */
    async addMany(venues: VenueRequest[], by: string, now: Date): Promise<{ id: string; placeCode: string }[]> {
      if (!venues.length) return [];
      const codes = venues.map(() => newPlaceCode());
      const rows = venues.map((v, i) => [
        codes[i],
        v.type,
        v.name,
        v.address,
        v.district,
        v.lat ?? null,
        v.lng ?? null,
        v.organisation,
        v.requiredTestHours ?? null,
        randomBytes(32),
        by,
        now,
        now,
      ]);
      await db.query(
        'INSERT INTO venues (place_code, type, name, address, district, lat, lng, organisation, required_test_hours, code_secret, created_by, created_at, updated_at) VALUES ?',
        [rows],
      );
      // Ids read back by code: auto-increment ids of one statement need not be consecutive.
      const [found] = await db.query<RowDataPacket[]>('SELECT id, place_code FROM venues WHERE place_code IN (?)', [codes]);
      const byCode = new Map(found.map((r) => [r.place_code as string, String(r.id)]));
      return codes.map((placeCode) => ({ id: byCode.get(placeCode)!, placeCode }));
    },

    async find(id: string): Promise<VenueRow | null> {
      if (!/^\d{1,18}$/.test(id)) return null;
      const [rows] = await db.query<RowDataPacket[]>('SELECT * FROM venues WHERE id = ?', [id]);
      return rows[0] ? toVenue(rows[0]) : null;
    },

    async findByCode(placeCode: string): Promise<VenueRow | null> {
      if (!/^[A-Za-z0-9]{10}$/.test(placeCode)) return null;
      const [rows] = await db.query<RowDataPacket[]>('SELECT * FROM venues WHERE place_code = ?', [placeCode]);
      return rows[0] ? toVenue(rows[0]) : null;
    },

    async findMany(ids: string[]): Promise<VenueRow[]> {
      const valid = ids.filter((id) => /^\d{1,18}$/.test(id));
      if (!valid.length) return [];
      const [rows] = await db.query<RowDataPacket[]>('SELECT * FROM venues WHERE id IN (?) ORDER BY id', [valid]);
      return rows.map(toVenue);
    },

    /** A page of the registry, newest first: ids below `before`, of one district, with a name
     * containing `nameLike` (LIKE's wildcards in it taken literally). One more row than asked
     * says whether another page follows. */
    async page(opts: { before: string | null; district: string | null; nameLike: string | null; limit: number }): Promise<{ rows: VenueRow[]; more: boolean }> {
      const conditions: [string, unknown][] = [];
      if (opts.before) conditions.push(['id < ?', opts.before]);
      if (opts.district) conditions.push(['district = ?', opts.district]);
      if (opts.nameLike) conditions.push(["name LIKE CONCAT('%', ?, '%')", opts.nameLike.replace(/[\\%_]/g, (c) => `\\${c}`)]);
      const where = conditions.map(([sql]) => sql);
      const args = conditions.map(([, value]) => value);
      const [rows] = await db.query<RowDataPacket[]>(`SELECT * FROM venues ${where.length ? `WHERE ${where.join(' AND ')}` : ''} ORDER BY id DESC LIMIT ?`, [
        ...args,
        opts.limit + 1,
      ]);
      return { rows: rows.slice(0, opts.limit).map(toVenue), more: rows.length > opts.limit };
    },

    /** Absent fields are left alone; `requiredTestHours: null` clears the requirement (so it
     * cannot go through COALESCE as the flags do: its own "is it in the change" flag). */
    async update(id: string, change: VenuePatch, now: Date): Promise<void> {
      const hoursGiven = change.requiredTestHours !== undefined;
      const [res] = await db.query<ResultSetHeader>(
        'UPDATE venues SET active = COALESCE(?, active), rotating = COALESCE(?, rotating), required_test_hours = IF(?, ?, required_test_hours), updated_at = ? WHERE id = ?',
        [
          change.active === undefined ? null : change.active ? 1 : 0,
          change.rotating === undefined ? null : change.rotating ? 1 : 0,
          hoursGiven ? 1 : 0,
          change.requiredTestHours ?? null,
          now,
          id,
        ],
      );
      void res;
    },
  };
}

export type VenuesRepo = ReturnType<typeof createVenuesRepo>;
