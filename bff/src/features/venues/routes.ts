/** Places (docs/api.md "Places, visits and scans"): registry, CSV import, posters, the public
 * lookup by place code, visits by residents and scans by staff. */
import { scanRequest, venuePatch, venueRequest, visitRequest } from '@yima/shared/contracts/venues';
import type { Middleware } from 'koa';
import type { Clock } from '../../clock';
import type { Config } from '../../config';
import { AppError, unauthorized } from '../../http/errors';
import type { AppRouter } from '../../http/router';
import { requireRole } from '../../http/roles';
import { requireSession, type SessionStore } from '../../http/session';
import { parse } from '../../http/validate';
import type { RolesRepo } from '../roles/rolesRepo';
import type { CodeService } from '../code/codeService';
import type { ScanService } from '../visits/scanService';
import type { VisitService } from '../visits/visitService';
import { placeUrl, posterPng, posterSvg } from './poster';
import { currentPlaceToken, STEP_SECONDS } from './rotatingCode';
import { venueView, type VenueService } from './venueService';
import type { VenuesRepo } from './venuesRepo';

export const VENUE_IMPORT_PATH = '/api/venues/import';
export const SCANS_PATH = '/api/scans';

/** POST /api/scans: the guard's session from the same in-process cache as the code page.
 * app.ts also dispatches it ahead of the router (a gate's busiest route). */
export const VISIT_PATH = /^\/api\/venues\/(\d{1,18})\/visits$/;

/** POST /api/venues/:id/visits: resolves the session with the code state in one cached read;
 * app.ts also dispatches it ahead of the router (every scan of a place code). */
export function visitHandler(visits: VisitService, venueId: string): Middleware {
  return async (ctx) => {
    const bearer = /^Bearer (\S+)$/.exec(ctx.get('Authorization'))?.[1];
    if (!bearer) throw unauthorized('UNAUTHENTICATED', 'log in first: the session is missing, expired or revoked');
    const body = parse(visitRequest, ctx.request.body ?? {});
    ctx.status = 201;
    ctx.body = await visits.visit(bearer, venueId, body);
  };
}

export function scansHandler(code: CodeService, scans: ScanService): Middleware {
  return async (ctx) => {
    const bearer = /^Bearer (\S+)$/.exec(ctx.get('Authorization'))?.[1];
    if (!bearer) throw unauthorized('UNAUTHENTICATED', 'log in first: the session is missing, expired or revoked');
    const staffId = (await code.stateFor(bearer)).userId;
    const body = parse(scanRequest, ctx.request.body);
    ctx.status = 201;
    ctx.body = 'qr' in body ? await scans.scanCode(staffId, body) : await scans.lookup(staffId, body);
  };
}
const MAX_CSV_BYTES = 5 * 1024 * 1024;

async function readText(req: NodeJS.ReadableStream, limit: number): Promise<string> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req as AsyncIterable<Buffer>) {
    size += chunk.length;
    if (size > limit) throw new AppError('PAYLOAD_TOO_LARGE', 'a CSV file may hold at most 5 MiB', { status: 413 });
    chunks.push(chunk);
  }
  return Buffer.concat(chunks).toString('utf8');
}

export function venueRoutes(
  router: AppRouter,
  d: { service: VenueService; repo: VenuesRepo; visits: VisitService; scans: ScanService; code: CodeService; sessions: SessionStore; roles: RolesRepo; config: Config['venues']; issuerId: string; clock: Clock },
): void {
  const session = requireSession(d.sessions);
  const operator = requireRole(d.roles, 'operator');

  router.post('/api/venues', session, operator, async (ctx) => {
    const made = await d.service.create(ctx.state.session.userId, parse(venueRequest, ctx.request.body));
    ctx.status = 201;
    ctx.body = { ...made, posterUrl: `/api/venues/${made.id}/poster.svg` };
  });

  router.post(VENUE_IMPORT_PATH, session, operator, async (ctx) => {
    if (!ctx.is('text/csv')) throw new AppError('UNSUPPORTED_MEDIA_TYPE', 'send the file with Content-Type: text/csv', { status: 415 });
    ctx.body = await d.service.importCsv(ctx.state.session.userId, await readText(ctx.req, MAX_CSV_BYTES));
  });

  router.patch('/api/venues/:id', session, operator, async (ctx) => {
    const change = parse(venuePatch, ctx.request.body);
    const venue = await d.repo.find(ctx.params.id);
    if (!venue) throw new AppError('NOT_FOUND', 'no such place', { status: 404 });
    await d.repo.update(venue.id, change, d.clock.now());
    ctx.body = venueView({ ...venue, active: change.active ?? venue.active, rotating: change.rotating ?? venue.rotating });
  });

  /** Operators and the place's own staff: the poster carries the place code. */
  async function posterOf(userId: string, id: string) {
    const grants = await d.roles.rolesOf(userId);
    const allowed = grants.some((g) => g.role === 'admin' || g.role === 'operator' || (g.role === 'venue-staff' && g.scope === id));
    const venue = allowed ? await d.repo.find(id) : null;
    if (!venue) throw new AppError('NOT_FOUND', 'no such place', { status: 404 });
    return venue;
  }

  // The changing code for a place's entrance screen (places that opted into rotating codes).
  router.get('/api/venues/:id/rotating-code', session, async (ctx) => {
    const v = await posterOf(ctx.state.session.userId, ctx.params.id);
    if (!v.rotating) throw new AppError('NOT_FOUND', 'this place uses a printed poster, not a changing code', { status: 404 });
    const { token, expiresAt } = currentPlaceToken(v.codeSecret, d.clock.now());
    ctx.set('Cache-Control', 'no-store');
    ctx.body = { url: `${placeUrl(d.config.publicBaseUrl, v.placeCode)}&t=${token}`, expiresAt: expiresAt.toISOString(), refreshAfterSeconds: STEP_SECONDS };
  });

  router.get('/api/venues/:id/poster.svg', session, async (ctx) => {
    const v = await posterOf(ctx.state.session.userId, ctx.params.id);
    ctx.type = 'image/svg+xml';
    ctx.set('Cache-Control', 'private, max-age=300');
    ctx.body = await posterSvg({ name: v.name, address: v.address, type: v.type, url: placeUrl(d.config.publicBaseUrl, v.placeCode), issuer: d.issuerId });
  });

  router.get('/api/venues/:id/poster.png', session, async (ctx) => {
    const v = await posterOf(ctx.state.session.userId, ctx.params.id);
    ctx.type = 'image/png';
    ctx.set('Cache-Control', 'private, max-age=300');
    ctx.body = await posterPng({ name: v.name, address: v.address, type: v.type, url: placeUrl(d.config.publicBaseUrl, v.placeCode), issuer: d.issuerId });
  });

  router.get('/api/places/:placeCode', async (ctx) => {
    const v = await d.repo.findByCode(ctx.params.placeCode);
    if (!v) throw new AppError('NOT_FOUND', 'no place has this code', { status: 404 });
    ctx.set('Cache-Control', 'public, max-age=60');
    ctx.body = { id: v.id, type: v.type, name: v.name, address: v.address, district: v.district, active: v.active, rotating: v.rotating };
  });

  router.post('/api/venues/:id/visits', (ctx, next) => visitHandler(d.visits, ctx.params.id)(ctx, next));

  router.get('/api/staff/venues', session, async (ctx) => {
    ctx.set('Cache-Control', 'no-store');
    ctx.body = { venues: await d.scans.myVenues(ctx.state.session.userId) };
  });

  router.post(SCANS_PATH, scansHandler(d.code, d.scans));
}
