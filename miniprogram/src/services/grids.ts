/**
 * Grids (docs/decisions/0019): the communities the check-in form offers, and — for community
 * workers — the grids they work for and their residents. The answers' types come from the
 * shared response schemas (shared/src/contracts/responses/grids.ts).
 */
import type { GridList, GridResidentDetail, GridResidentList, GridView, ResidentFilter } from '@yima/shared';
import { request } from './request';

export type { GridResidentDetail, GridResidentList, GridView, ResidentFilter };

/** The communities of a district (public, cacheable); empty when the district has no grid list. */
export const fetchCommunities = async (district: string): Promise<GridView[]> =>
  (await request<GridList>(`/api/grids?parent=${encodeURIComponent(district)}&level=community`)).data.grids;

/** The grids this account is a community worker of (empty for everyone else). */
export const fetchWorkerGrids = async (): Promise<GridView[]> => (await request<GridList>('/api/staff/grids', { auth: true })).data.grids;

/** A page of a grid's residents. */
export async function fetchResidents(grid: string, opts: { filter?: ResidentFilter | null; cursor?: string | null } = {}): Promise<GridResidentList> {
  const query = [opts.filter ? `filter=${opts.filter}` : '', opts.cursor ? `cursor=${encodeURIComponent(opts.cursor)}` : ''].filter(Boolean).join('&');
  return (await request<GridResidentList>(`/api/grids/${encodeURIComponent(grid)}/residents${query ? `?${query}` : ''}`, { auth: true })).data;
}

/** One resident of a grid (the viewing is recorded in their history). */
export const fetchResident = async (grid: string, personId: string): Promise<GridResidentDetail> =>
  (await request<GridResidentDetail>(`/api/grids/${encodeURIComponent(grid)}/residents/${encodeURIComponent(personId)}`, { auth: true })).data;
