/**
 * The personal code and check-ins. The last code answer is kept in memory (not on the
 * device: it holds the masked name) so the code page draws at once when reopened and
 * refreshes in the background.
 */
import type { CheckinRequest, Color, ReasonCode } from '@yima/shared';
import { request } from './request';

export interface CodeReason {
  source: string;
  color: Color;
  reasonCode: ReasonCode | string;
  reason: string;
  guidance: string;
  setBy: string;
  effectiveAt: string | null;
}

export interface CodeAnswer {
  color: Color;
  qr: string;
  generatedAt: string;
  expiresAt: string;
  refreshAfterSeconds: number;
  holder: { name: string | null; idNumber: string | null };
  decidedBy: string;
  reasons: CodeReason[];
  sources: { source: string; color: Color; asOf: string | null; stale: boolean }[];
  checkin: { lastAt: string | null; dueAt: string | null; due: boolean };
}

let lastCode: CodeAnswer | null = null;

export const cachedCode = () => lastCode;

export async function fetchCode(): Promise<CodeAnswer> {
  lastCode = (await request<CodeAnswer>('/api/me/code', { auth: true })).data;
  return lastCode;
}

/** Forget the cached code, e.g. after a check-in or on logout. */
export function dropCachedCode(): void {
  lastCode = null;
}

export interface CheckinResult {
  color: Color;
  day: string;
  updated: boolean;
}

export async function submitCheckin(answers: CheckinRequest): Promise<CheckinResult> {
  const { data } = await request<CheckinResult>('/api/me/checkins', { method: 'POST', data: answers, auth: true });
  dropCachedCode();
  return data;
}

export interface HistoryEntry {
  day: string;
  color: Color;
  reasons: string[];
  checkedInAt: string;
  answers: CheckinRequest;
}

export const fetchHistory = async () => (await request<{ checkins: HistoryEntry[] }>('/api/me/checkins', { auth: true })).data.checkins;

export interface RiskAreaItem {
  code: string;
  name: string;
  level: 'low' | 'medium' | 'high';
}

export const fetchRiskAreas = async () => (await request<{ areas: RiskAreaItem[] }>('/api/risk-areas')).data.areas;
