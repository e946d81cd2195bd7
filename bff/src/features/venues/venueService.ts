/**
 * Places (SPEC C6): operators register them one by one or thousands at once from CSV (each
 * bad row reported with its number, the good ones created); residents look a place up by the
 * code on its poster.
 */
import { parse as parseCsv } from 'csv-parse/sync';
import { DomainError, type VenueList, type VenueListQuery, type VenuePatch, type VenueRequest, type VenueView } from '@yima/shared';
import { venueRequest } from '@yima/shared/contracts/venues';
import type { Clock } from '../../clock';
import { placeUrl, posterPng, posterSvg } from './poster';
import { currentPlaceToken, STEP_SECONDS } from './rotatingCode';
import type { VenueRow, VenuesRepo } from './venuesRepo';

export const MAX_CSV_ROWS = 20_000;
const CSV_COLUMNS = ['type', 'name', 'address', 'district', 'lat', 'lng', 'organisation'];
/** An optional last column (decision 0026): hours of a required negative test, empty for none.
 * Files made before it existed still import. */
const CSV_TEST_COLUMN = 'required_test_hours';

export const venueView = (v: VenueRow): VenueView => ({
  id: v.id,
  placeCode: v.placeCode,
  type: v.type,
  name: v.name,
  address: v.address,
  district: v.district,
  active: v.active,
  rotating: v.rotating,
  requiredTestHours: v.requiredTestHours,
});

const noSuchPlace = () => new DomainError('NOT_FOUND', 'no such place');

export function createVenueService(d: {
  repo: VenuesRepo;
  clock: Clock;
  publicBaseUrl: string;
  issuerId: string;
  /** Tells every process a place changed (the invalidation bus): their place caches drop it. */
  changed: (venueId: string) => Promise<void>;
}) {
  async function placeOf(id: string): Promise<VenueRow> {
    const venue = await d.repo.find(id);
    if (!venue) throw noSuchPlace();
    return venue;
  }
  const posterOf = (v: VenueRow) => ({
    name: v.name,
    address: v.address,
    type: v.type,
    url: placeUrl(d.publicBaseUrl, v.placeCode),
    placeCode: v.placeCode,
    issuer: d.issuerId,
  });

  return {
    /** A page of the registry for the operator pages (newest first). */
    async list(query: VenueListQuery): Promise<VenueList> {
      const limit = query.limit ? Number(query.limit) : 50;
      const { rows, more } = await d.repo.page({ before: query.cursor ?? null, district: query.district ?? null, nameLike: query.q ?? null, limit });
      return { venues: rows.map(venueView), nextCursor: more ? rows[rows.length - 1].id : null };
    },

    async update(id: string, change: VenuePatch): Promise<VenueView> {
      const venue = await placeOf(id);
      await d.repo.update(venue.id, change, d.clock.now());
      await d.changed(venue.id);
      return venueView({
        ...venue,
        active: change.active ?? venue.active,
        rotating: change.rotating ?? venue.rotating,
        requiredTestHours: change.requiredTestHours === undefined ? venue.requiredTestHours : change.requiredTestHours,
      });
    },

    /** The changing code for a place's entrance screen (places that opted into rotating codes). */
    async rotatingCode(id: string) {
      const v = await placeOf(id);
      if (!v.rotating) throw new DomainError('NOT_FOUND', 'this place uses a printed poster, not a changing code');
      const { token, expiresAt } = currentPlaceToken(v.codeSecret, d.clock.now());
      return { url: `${placeUrl(d.publicBaseUrl, v.placeCode)}&t=${token}`, expiresAt: expiresAt.toISOString(), refreshAfterSeconds: STEP_SECONDS };
    },

    posterSvg: async (id: string): Promise<string> => posterSvg(posterOf(await placeOf(id))),
    posterPng: async (id: string): Promise<Buffer> => posterPng(posterOf(await placeOf(id))),

    /** What anyone holding the poster's code may know about the place. */
    async byPlaceCode(placeCode: string) {
      const v = await d.repo.findByCode(placeCode);
      if (!v) throw new DomainError('NOT_FOUND', 'no place has this code');
      // The place's view but its code (the asker has it), the requirement included: the visit
      // page can say it before the resident checks in.
      const { placeCode: asked, ...view } = venueView(v);
      void asked;
      return view;
    },

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
      const named = header?.map((h) => h.toLowerCase()).join(',');
      const withTest = named === [...CSV_COLUMNS, CSV_TEST_COLUMN].join(',');
      if (!withTest && named !== CSV_COLUMNS.join(',')) {
        throw new DomainError('INVALID_CSV', `the first row must be the header ${CSV_COLUMNS.join(',')} (optionally ,${CSV_TEST_COLUMN})`);
      }
      const columns = CSV_COLUMNS.length + (withTest ? 1 : 0);
      if (rows.length > MAX_CSV_ROWS) throw new DomainError('PAYLOAD_TOO_LARGE', `at most ${MAX_CSV_ROWS} places per file`);
      const good: { row: number; venue: VenueRequest }[] = [];
      const rejected: { row: number; code: string; message: string }[] = [];
      rows.forEach((cells, i) => {
        const row = i + 2; // 1-based, after the header, as a spreadsheet numbers it
        if (cells.length !== columns) {
          rejected.push({ row, code: 'INVALID_ROW', message: `expected ${columns} columns, found ${cells.length}` });
          return;
        }
        const [type, name, address, district, lat, lng, organisation, hours] = cells;
        const candidate = {
          type,
          name,
          address,
          district,
          organisation,
          ...(lat || lng ? { lat: Number(lat), lng: Number(lng) } : {}),
          // Not a number ("abc") stays text, so the contract refuses it rather than NaN.
          ...(hours ? { requiredTestHours: /^\d+$/.test(hours) ? Number(hours) : hours } : {}),
        };
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
        const made = await d.repo.addMany(
          slice.map((g) => g.venue),
          by,
          now,
        );
        made.forEach((m, j) => created.push({ row: slice[j].row, ...m }));
      }
      return { created, rejected };
    },
  };
}

export type VenueService = ReturnType<typeof createVenueService>;
