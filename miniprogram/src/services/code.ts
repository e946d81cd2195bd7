/**
 * The personal code, its change notifications, its colour history and check-ins. The last code answer is kept in memory (not on the
 * device: it holds the masked name) so the code page draws at once when reopened and
 * refreshes in the background.
 */
import type {
  AuditEntry,
  AuditResponse,
  CheckinHistoryEntry,
  CheckinRequest,
  CheckinResult,
  CodeAnswer,
  HealthRecordsAnswer,
  CodeReasonView,
  CodeSourceView,
  RiskAreaItem,
} from '@yima/shared';
import { request } from './request';
import { degradedAsOf } from './degraded';

/** Why the code has its colour: one reason of one source (a mark adds its legal basis,
 * who can lift it and the hotline). */
export type CodeReason = CodeReasonView;
/** One source's state and how fresh it is. */
export type CodeSource = CodeSourceView;
/** `GET /api/me/code` (shared/src/contracts/responses/code.ts). */
export type { CodeAnswer };

let lastCode: CodeAnswer | null = null;
let lastDegradedAsOf: Date | null = null;

export const cachedCode = () => lastCode;

/** Not null while the last code answer was judged against risk areas as of this time (the
 * BFF could not reach its database: decision 0027); the page says so. */
export const codeDegradedAsOf = () => lastDegradedAsOf;

/** Reads the marker of a code answer (one's own or a relative's) that was just fetched. */
export function noteDegraded(header: Record<string, string> | undefined): void {
  lastDegradedAsOf = degradedAsOf(header);
}

export async function fetchCode(): Promise<CodeAnswer> {
  const res = await request<CodeAnswer>('/api/me/code', { auth: true });
  lastCode = res.data;
  noteDegraded(res.header);
  return lastCode;
}

/** How long the BFF holds a change poll open (~25 s), plus slack for the network. */
const CHANGE_POLL_TIMEOUT_MS = 35_000;

/**
 * Long poll: resolves true as soon as the code state moves past `since` (the `version` of the
 * last code answer; at once if it already has), false after ~25 s without a change. `onCancel`
 * receives a function that ends the wait early (the promise then rejects with NETWORK).
 */
export async function waitForCodeChange(since: number, onCancel?: (cancel: () => void) => void): Promise<boolean> {
  const { data } = await request<{ changed: boolean }>(`/api/me/code/changes?since=${since}`, { auth: true, timeout: CHANGE_POLL_TIMEOUT_MS, onCancel });
  return data.changed === true;
}

/** Forget the cached code, e.g. after a check-in or on logout. */
export function dropCachedCode(): void {
  lastCode = null;
}

export type { AuditEntry };

/** The resident's colour history ("why is my code this colour"), newest first. */
export const fetchAudit = async () => (await request<AuditResponse>('/api/me/audit', { auth: true })).data.entries;

export type { CheckinResult };

export async function submitCheckin(answers: CheckinRequest): Promise<CheckinResult> {
  const { data } = await request<CheckinResult>('/api/me/checkins', { method: 'POST', data: answers, auth: true });
  dropCachedCode();
  return data;
}

export type HistoryEntry = CheckinHistoryEntry;

export const fetchHistory = async () => (await request<{ checkins: HistoryEntry[] }>('/api/me/checkins', { auth: true })).data.checkins;

export type { RiskAreaItem };

export const fetchRiskAreas = async () => (await request<{ areas: RiskAreaItem[] }>('/api/risk-areas')).data.areas;

/** Every nucleic-acid round and vaccination dose the feeds hold (decision 0026). */
export const fetchHealthRecords = async () => (await request<HealthRecordsAnswer>('/api/me/health-records', { auth: true })).data;
export type { HealthRecordsAnswer };
