/**
 * The operator pages' calls (issue 12): the place registry, risk areas, authority marks and role
 * grants. Answer types come from the shared response schemas.
 */
import type { GrantAnswer, GrantList, GrantView, MarkList, MarkView, RiskAreaItem, VenueList, VenueView } from '@yima/shared';
import { ApiError, request } from './request';
import { getToken } from './session';

export type { GrantView, MarkView, RiskAreaItem, VenueView };

const query = (params: Record<string, string | null | undefined>) => {
  const parts = Object.entries(params)
    .filter((e): e is [string, string] => Boolean(e[1]))
    .map(([k, v]) => `${k}=${encodeURIComponent(v)}`);
  return parts.length ? `?${parts.join('&')}` : '';
};

// Places
export const fetchVenues = async (opts: { cursor?: string | null; q?: string | null } = {}) =>
  (await request<VenueList>(`/api/venues${query({ cursor: opts.cursor, q: opts.q })}`, { auth: true })).data;

export interface NewVenue {
  type: VenueView['type'];
  name: string;
  address: string;
  district: string;
  organisation?: string;
  /** A negative nucleic-acid test within this many hours; null: none. */
  requiredTestHours?: number | null;
}
export const createVenue = async (body: NewVenue) =>
  (await request<{ id: string; placeCode: string; posterUrl: string }>('/api/venues', { method: 'POST', data: body, auth: true })).data;

/** An operator's change to a place; `requiredTestHours: null` clears its test requirement. */
export interface VenuePatch {
  active?: boolean;
  rotating?: boolean;
  requiredTestHours?: number | null;
}

export const updateVenue = async (id: string, change: VenuePatch) =>
  (await request<VenueView>(`/api/venues/${encodeURIComponent(id)}`, { method: 'PATCH', data: change, auth: true })).data;

export const posterPath = (id: string, kind: 'svg' | 'png') => `/api/venues/${encodeURIComponent(id)}/poster.${kind}`;

export interface ImportResult {
  created: { row: number; id: string; placeCode: string }[];
  rejected: { row: number; code: string; message: string }[];
}

/** Sends a CSV file as it is (text/csv). H5 only: the page offers it where files can be picked. */
export async function importVenues(csv: string): Promise<ImportResult> {
  const token = getToken();
  let res: Response;
  try {
    res = await fetch(`${YIMA_API_BASE}/api/venues/import`, {
      method: 'POST',
      headers: { 'content-type': 'text/csv', authorization: `Bearer ${token ?? ''}` },
      body: csv,
    });
  } catch {
    throw new ApiError('NETWORK', 'network error', 0);
  }
  const body = (await res.json().catch(() => null)) as (ImportResult & { error?: { code: string; message: string } }) | null;
  if (!res.ok || !body) throw new ApiError(body?.error?.code ?? `HTTP_${res.status}`, body?.error?.message ?? '', res.status);
  return body;
}

// Risk areas (the public list, asked past the browser's cache: the operator just changed it)
export const fetchRiskAreas = async () => (await request<{ areas: RiskAreaItem[] }>('/api/risk-areas', { fresh: true })).data.areas;

export interface NewRiskArea {
  code: string;
  name: string;
  level: RiskAreaItem['level'];
  effectiveFrom: string;
}
export const declareRiskArea = async (body: NewRiskArea) =>
  (await request<{ id: string }>('/api/risk-areas', { method: 'POST', data: { ...body, effectiveTo: null }, auth: true })).data;

export const endRiskArea = async (id: string, effectiveTo: string) =>
  (await request<RiskAreaItem>(`/api/risk-areas/${encodeURIComponent(id)}`, { method: 'PATCH', data: { effectiveTo }, auth: true })).data;

// Marks
export interface MarkReason {
  code: MarkView['reason'];
  usualColor: MarkView['color'];
  text: { zh: string; en: string };
}
export const fetchMarkReasons = async () => (await request<{ reasons: MarkReason[] }>('/api/mark-reasons')).data.reasons;

export const fetchMarks = async (opts: { cursor?: string | null; active?: boolean | null } = {}) =>
  (
    await request<MarkList>(
      `/api/marks${query({ cursor: opts.cursor, active: opts.active === null || opts.active === undefined ? null : String(opts.active) })}`,
      { auth: true },
    )
  ).data;

export interface NewMark {
  idNumber: string;
  color: MarkView['color'];
  reason: string;
  legalBasis: string;
  note: string;
  district?: string;
}
export const setMark = async (body: NewMark) =>
  (await request<{ id: string; district: string }>('/api/marks', { method: 'POST', data: body, auth: true })).data;

export const liftMark = async (id: string, reason: string) => {
  await request<unknown>(`/api/marks/${encodeURIComponent(id)}`, { method: 'DELETE', data: { reason }, auth: true });
};

// Role grants
export const fetchGrants = async (phone?: string | null) => (await request<GrantList>(`/api/grants${query({ phone })}`, { auth: true })).data.grants;

export const grantRole = async (body: { phone: string; role: GrantView['role']; scope: string }) => {
  const res = await request<GrantAnswer>('/api/grants', { method: 'POST', data: body, auth: true });
  return { created: res.status === 201, grant: res.data };
};

export const revokeRole = async (body: { userId: string; role: GrantView['role']; scope: string }) => {
  await request<unknown>('/api/grants', { method: 'DELETE', data: body, auth: true });
};
