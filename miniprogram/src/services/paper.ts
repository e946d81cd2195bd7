/** Paper codes (SPEC C5): a printable, longer-lived signed code for someone without a phone. */
import type { CurrentPaperCode, PaperCodeView } from '@yima/shared';
import { request } from './request';

export type { PaperCodeView };

const base = (dependentId: string | null) => (dependentId ? `/api/dependents/${encodeURIComponent(dependentId)}/paper-codes` : '/api/me/paper-codes');

/** The valid paper code of a dependent (or of the resident when `dependentId` is null), or
 * null when there is none. Only reads: opening the page must never void a printed card. */
export async function fetchCurrentPaperCode(dependentId: string | null): Promise<PaperCodeView | null> {
  return (await request<CurrentPaperCode>(`${base(dependentId)}/current`, { auth: true })).data.paperCode;
}

/**
 * Issues a paper code. Without `replace` the BFF refuses (PAPER_CODE_EXISTS) when a valid one
 * exists; with it, the new code voids the card printed before — ask the resident first.
 */
export async function issuePaperCode(dependentId: string | null, replace: boolean): Promise<PaperCodeView> {
  return (await request<PaperCodeView>(base(dependentId), { method: 'POST', data: replace ? { replace: true } : {}, auth: true })).data;
}
