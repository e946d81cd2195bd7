/** Paper codes (SPEC C5): a printable, longer-lived signed code for someone without a phone. */
import type { PaperCodeView } from '@yima/shared';
import { request } from './request';

export type { PaperCodeView };

/**
 * Issues a new paper code for a dependent, or for the resident when `dependentId` is null.
 * Issuing revokes the holder's previous paper code.
 */
export async function issuePaperCode(dependentId: string | null): Promise<PaperCodeView> {
  const path = dependentId ? `/api/dependents/${encodeURIComponent(dependentId)}/paper-codes` : '/api/me/paper-codes';
  return (await request<PaperCodeView>(path, { method: 'POST', auth: true })).data;
}
