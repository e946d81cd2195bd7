/**
 * Filing for relatives (SPEC C5, 为他人代办): the relatives a resident files for, their codes,
 * check-ins and colour history, and the other side — who files for me. Dependents' codes are
 * not cached: the page fetches them each time it is shown.
 */
import type {
  AddDependentRequest,
  AuditResponse,
  CheckinRequest,
  CheckinResult,
  DependentCodeAnswer,
  DependentView,
  HealthRecordsAnswer,
  FilerView,
  FilingAttemptView,
} from '@yima/shared';
import { forgetRelativeAddress } from './relativeAddresses';
import { request } from './request';
import { noteDegraded } from './code';

/** The answers' types come from the shared response schemas (shared/src/contracts/responses/). */
export type { DependentCodeAnswer, DependentView, FilerView, FilingAttemptView };

const at = (id: string) => `/api/dependents/${encodeURIComponent(id)}`;

export async function addDependent(body: AddDependentRequest): Promise<string> {
  return (await request<{ id: string }>('/api/dependents', { method: 'POST', data: body, auth: true })).data.id;
}

export const listDependents = async () => (await request<{ dependents: DependentView[] }>('/api/dependents', { auth: true })).data.dependents;

/** Stop filing for a relative. */
export async function removeDependent(id: string): Promise<void> {
  await request(at(id), { method: 'DELETE', auth: true });
  forgetRelativeAddress(id);
}

export async function fetchDependentCode(id: string): Promise<DependentCodeAnswer> {
  const res = await request<DependentCodeAnswer>(`${at(id)}/code`, { auth: true });
  noteDegraded(res.header);
  return res.data;
}

export const fetchDependentAudit = async (id: string) => (await request<AuditResponse>(`${at(id)}/audit`, { auth: true })).data.entries;

export async function submitDependentCheckin(id: string, answers: CheckinRequest): Promise<CheckinResult> {
  return (await request<CheckinResult>(`${at(id)}/checkins`, { method: 'POST', data: answers, auth: true })).data;
}

export const listFilers = async () => (await request<{ filers: FilerView[] }>('/api/me/filers', { auth: true })).data.filers;

/** End someone's filing for me (possible once I registered my own phone). */
export async function removeFiler(id: string): Promise<void> {
  await request(`/api/me/filers/${encodeURIComponent(id)}`, { method: 'DELETE', auth: true });
}

/** Every attempt anyone made to file for me — added, refused or throttled — newest first. */
export const listFilingAttempts = async () => (await request<{ attempts: FilingAttemptView[] }>('/api/me/filing-attempts', { auth: true })).data.attempts;
export const fetchDependentHealthRecords = async (id: string) => (await request<HealthRecordsAnswer>(`${at(id)}/health-records`, { auth: true })).data;
