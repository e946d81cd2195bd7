/**
 * City statistics (SPEC C9) for the operator pages, and which operator pages this account may
 * open (the home page asks; empty for everyone else).
 */
import type { OpsPages, StatsGrids, StatsRange } from '@yima/shared';
import { request } from './request';

export type { OpsPages, StatsGrids, StatsRange };
export type StatsDayFigures = StatsRange['days'][number];

export const fetchOpsPages = async (): Promise<OpsPages['pages']> => (await request<OpsPages>('/api/ops/pages', { auth: true })).data.pages;

export const fetchStatsRange = async (from: string, to: string): Promise<StatsRange> =>
  (await request<StatsRange>(`/api/stats/range?from=${encodeURIComponent(from)}&to=${encodeURIComponent(to)}`, { auth: true })).data;

/** The CSV export's path (the download carries the session: platform/device downloadFile). */
export const statsCsvPath = (from: string, to: string) => `/api/stats/export.csv?from=${encodeURIComponent(from)}&to=${encodeURIComponent(to)}`;

/** Check-in completion of `parent`'s children (the districts when null) on a China day. */
export const fetchStatsGrids = async (date: string, parent: string | null): Promise<StatsGrids> =>
  (await request<StatsGrids>(`/api/stats/grids?date=${encodeURIComponent(date)}${parent ? `&parent=${encodeURIComponent(parent)}` : ''}`, { auth: true })).data;
