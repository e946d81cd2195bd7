/**
 * Places (SPEC C6): operators register them one by one or thousands at once from CSV (each
 * bad row reported with its number, the good ones created); residents look a place up by the
 * code on its poster.
 */
import { DomainError } from '@yima/shared';
import { parse as parseCsv } from 'csv-parse/sync';
import type { VenueRequest, VenueView } from '@yima/shared';
import { venueRequest } from '@yima/shared/contracts/venues';
import type { Clock } from '../../clock';
import type { VenueRow, VenuesRepo } from './venuesRepo';

export const MAX_CSV_ROWS = 20_000;
const CSV_COLUMNS = ['type', 'name', 'address', 'district', 'lat', 'lng', 'organisation'];

export const venueView = (v: VenueRow): VenueView => ({ id: v.id, placeCode: v.placeCode, type: v.type, name: v.name, address: v.address, district: v.district, active: v.active, rotating: v.rotating });

export function createVenueService(d: { repo: VenuesRepo; clock: Clock }) {
  return {
    async create(by: string, body: VenueRequest): Promise<{ id: string; placeCode: string }> {
      const [made] = await d.repo.addMany([body], by, d.clock.now());
      return made;
    },

    /** CSV with a header row of CSV_COLUMNS (lat, lng, organisation may be empty). */
    async importCsv(by: string, text: string) {
      let records: string[][];
      try {
        records = parseCsv(text, { bom: true, skip_empty_lines: true, relax_column_count: true, trim: true }) as string[][];
      } catch (err) {
        throw new DomainError('INVALID_CSV', `not readable as CSV: ${(err as Error).message.slice(0, 120)}`);
      }
      const [header, ...rows] = records;
      if (!header || header.map((h) => h.toLowerCase()).join(',') !== CSV_COLUMNS.join(',')) {
        throw new DomainError('INVALID_CSV', `the first row must be the header ${CSV_COLUMNS.join(',')}`);
      }
      if (rows.length > MAX_CSV_ROWS) throw new DomainError('PAYLOAD_TOO_LARGE', `at most ${MAX_CSV_ROWS} places per file`);
      const good: { row: number; venue: VenueRequest }[] = [];
      const rejected: { row: number; code: string; message: string }[] = [];
      rows.forEach((cells, i) => {
        const row = i + 2; // 1-based, after the header, as a spreadsheet numbers it
        if (cells.length !== CSV_COLUMNS.length) {
          rejected.push({ row, code: 'INVALID_ROW', message: `expected ${CSV_COLUMNS.length} columns, found ${cells.length}` });
          return;
        }
        const [type, name, address, district, lat, lng, organisation] = cells;
        const candidate = { type, name, address, district, organisation, ...(lat || lng ? { lat: Number(lat), lng: Number(lng) } : {}) };
        const parsed = venueRequest.safeParse(candidate);
        if (!parsed.success) {
          const issue = parsed.error.issues[0];
          rejected.push({ row, code: 'INVALID_ROW', message: `${issue.path.join('.') || 'row'}: ${issue.message}` });
          return;
        }
        good.push({ row, venue: parsed.data });
      });
      const now = d.clock.now();
      const created: { row: number; id: string; placeCode: string }[] = [];
      for (let i = 0; i < good.length; i += 1000) {
        const slice = good.slice(i, i + 1000);
        const made = await d.repo.addMany(slice.map((g) => g.venue), by, now);
        made.forEach((m, j) => created.push({ row: slice[j].row, ...m }));
      }
      return { created, rejected };
    },
  };
}

export type VenueService = ReturnType<typeof createVenueService>;
