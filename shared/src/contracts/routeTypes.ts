/**
 * The shape of the route contract table (./routes.ts) and the errors every route may answer
 * besides its own. The table is the one description of the BFF's HTTP surface: the OpenAPI
 * document (bff/src/openapi/), docs/api.md and the integration suite's answer check
 * (test/support/contractCheck.ts) are all read from it.
 */
import type { z } from 'zod';
import type { ErrorCode } from '../errors';

export type HttpMethod = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';

/**
 * Who may call a route. `session`: `Authorization: Bearer <token>` from
 * `POST /api/auth/sessions`; `operator`/`authority`/`community-worker`: a session whose account
 * holds that role (or admin), for the scope the route names where it is scoped; `admin`: a
 * session whose account holds admin; `feed`: the provincial platform's signed headers, no
 * session; `handler`: a session whose account holds the community-worker or the authority role
 * (or admin) — conversion requests, which either decides by the grid or district of each request.
 */
export type Access = 'public' | 'session' | 'operator' | 'authority' | 'community-worker' | 'handler' | 'admin' | 'feed';

export interface ResponseContract {
  description: string;
  /** The body's schema; absent for 204 and for bodies that are not JSON. */
  schema?: z.ZodType;
  /** `application/json` unless said (SVG, PNG, HTML). */
  mediaType?: string;
}

export interface RouteContract {
  method: HttpMethod;
  /** `:param` style, as the router writes it. */
  path: string;
  summary: string;
  /** More than the summary: conditions, limits, what changes. Markdown. */
  description?: string;
  /** One tag: the section of docs/api.md and of the reference page. */
  tag: Tag;
  access: Access;
  /** Mounted only in dev mode with the outbox SMS provider (never in production). */
  devOnly?: boolean;
  /** What each `:param` of the path is; every param is a string. */
  params?: Record<string, string>;
  query?: z.ZodType;
  body?: { schema: z.ZodType; mediaType?: string; required?: boolean; description?: string };
  /** Request headers that matter beyond Authorization (the feed's signature). */
  headers?: Record<string, string>;
  /** Successful answers by status (and any non-error body on an error status, as /healthz's 503). */
  responses: Record<number, ResponseContract>;
  /** This route's own error codes by status; errorsOf adds the ones every route shares. */
  errors?: Partial<Record<number, readonly ErrorCode[]>>;
}

export const TAGS = {
  auth: 'Login and sessions',
  me: 'Profile and real-name verification',
  code: 'Check-in and the personal code',
  marks: 'Authority marks and risk areas',
  recognition: 'Verifying codes',
  provincial: 'Provincial feed',
  healthFeeds: 'Health-record feeds',
  dependents: 'Relatives',
  paperCodes: 'Paper codes',
  places: 'Places, visits and scans',
  grids: 'Grids and community workers',
  conversions: 'Conversion requests',
  ops: 'City statistics and operator pages',
  service: 'Service',
} as const;
export type Tag = keyof typeof TAGS;

const BODY_METHODS = new Set<HttpMethod>(['POST', 'PUT', 'PATCH', 'DELETE']);

/** Every error a route may answer: its own, plus those of the middleware in front of every
 * route (bff/src/http/): body parsing, encodings, authentication, roles, a store down. */
export function errorsOf(route: RouteContract): Record<number, ErrorCode[]> {
  const out: Record<number, ErrorCode[]> = {};
  const add = (status: number, ...codes: readonly ErrorCode[]) => {
    const list = (out[status] ??= []);
    for (const code of codes) if (!list.includes(code)) list.push(code);
  };
  const jsonBody = BODY_METHODS.has(route.method) && (route.body?.mediaType ?? 'application/json') === 'application/json';
  if (jsonBody) add(400, 'INVALID_JSON');
  if (route.body || route.query) add(400, 'INVALID_REQUEST');
  if (route.access !== 'public' && route.access !== 'feed') add(401, 'UNAUTHENTICATED');
  if (
    route.access === 'operator' ||
    route.access === 'authority' ||
    route.access === 'community-worker' ||
    route.access === 'handler' ||
    route.access === 'admin'
  )
    add(403, 'FORBIDDEN');
  if (BODY_METHODS.has(route.method)) add(413, 'PAYLOAD_TOO_LARGE');
  if (BODY_METHODS.has(route.method)) add(415, 'UNSUPPORTED_MEDIA_TYPE');
  // A GET may carry a body too; one declared compressed is refused like any other.
  add(415, 'UNSUPPORTED_CONTENT_ENCODING');
  for (const [status, codes] of Object.entries(route.errors ?? {})) add(Number(status), ...(codes ?? []));
  add(500, 'INTERNAL');
  add(503, 'SERVICE_UNAVAILABLE', 'DEPENDENCY_TIMEOUT');
  return Object.fromEntries(Object.entries(out).sort(([a], [b]) => Number(a) - Number(b)));
}

/** `METHOD path`, the key tests and the request log use. */
export const routeKey = (r: { method: string; path: string }) => `${r.method} ${r.path}`;
