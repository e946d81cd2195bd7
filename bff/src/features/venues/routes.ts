/** Places (docs/api.md "Places, visits and scans"): registry, CSV import, posters, the public
 * lookup by place code. Visits and scans are features/visits. */
import { DomainError } from '@yima/shared';
import { venueListQuery, venuePatch, venueRequest } from '@yima/shared/contracts/venues';
import { needsRole, type Access } from '../../http/access';
import type { AppRouter } from '../../http/router';
import { parse } from '../../http/validate';
import { venuesPolicy } from './policy';
import type { VenueService } from './venueService';

export const VENUE_IMPORT_PATH = '/api/venues/import';

const MAX_CSV_BYTES = 5 * 1024 * 1024;

async function readText(req: NodeJS.ReadableStream, limit: number): Promise<string> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req as AsyncIterable<Buffer>) {
    size += chunk.length;
    if (size > limit) throw new DomainError('PAYLOAD_TOO_LARGE', 'a CSV file may hold at most 5 MiB');
    chunks.push(chunk);
  }
  return Buffer.concat(chunks).toString('utf8');
}

export function venueRoutes(router: AppRouter, d: { service: VenueService; access: Access }): void {
  const operator = needsRole('operator');
  // What a place's staff may see carries the place code: others are told there is no such place.
  const noSuchPlace = () => new DomainError('NOT_FOUND', 'no such place');
  const place = (req: { params: Record<string, string> }) => ({ venueId: req.params.id });
  const mayCreate = d.access.can(venuesPolicy, 'createVenue', () => null, operator);
  const mayImport = d.access.can(venuesPolicy, 'importVenues', () => null, operator);

  router.get(
    '/api/venues',
    d.access.can(venuesPolicy, 'listVenues', () => null, operator),
    async (ctx) => {
      ctx.set('Cache-Control', 'no-store');
      ctx.body = await d.service.list(parse(venueListQuery, ctx.query));
    },
  );

  router.post('/api/venues', mayCreate, async (ctx) => {
    const made = await d.service.create(ctx.state.session.userId, parse(venueRequest, ctx.request.body));
    ctx.status = 201;
    ctx.body = { ...made, posterUrl: `/api/venues/${made.id}/poster.svg` };
  });

  router.post(VENUE_IMPORT_PATH, mayImport, async (ctx) => {
    if (!ctx.is('text/csv')) throw new DomainError('UNSUPPORTED_MEDIA_TYPE', 'send the file with Content-Type: text/csv');
    ctx.body = await d.service.importCsv(ctx.state.session.userId, await readText(ctx.req, MAX_CSV_BYTES));
  });

  router.patch('/api/venues/:id', d.access.can(venuesPolicy, 'updateVenue', place, operator), async (ctx) => {
    ctx.body = await d.service.update(ctx.params.id, parse(venuePatch, ctx.request.body));
  });

  router.get('/api/venues/:id/rotating-code', d.access.can(venuesPolicy, 'showRotatingCode', place, noSuchPlace), async (ctx) => {
    const code = await d.service.rotatingCode(ctx.params.id);
    ctx.set('Cache-Control', 'no-store');
    ctx.body = code;
  });

  router.get('/api/venues/:id/poster.svg', d.access.can(venuesPolicy, 'printPoster', place, noSuchPlace), async (ctx) => {
    const svg = await d.service.posterSvg(ctx.params.id);
    ctx.type = 'image/svg+xml';
    ctx.set('Cache-Control', 'private, max-age=300');
    ctx.body = svg;
  });

  router.get('/api/venues/:id/poster.png', d.access.can(venuesPolicy, 'printPoster', place, noSuchPlace), async (ctx) => {
    const png = await d.service.posterPng(ctx.params.id);
    ctx.type = 'image/png';
    ctx.set('Cache-Control', 'private, max-age=300');
    ctx.body = png;
  });

  router.get('/api/places/:placeCode', d.access.anyone(), async (ctx) => {
    const place = await d.service.byPlaceCode(ctx.params.placeCode);
    ctx.set('Cache-Control', 'public, max-age=60');
    ctx.body = place;
  });
}
