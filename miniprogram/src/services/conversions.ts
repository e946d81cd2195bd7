/**
 * Conversion requests (转码申请, decision 0022): a person's (or a relative's, by their filer) and
 * the handlers' inbox. The answers' types come from the shared response schemas
 * (shared/src/contracts/responses/conversions.ts).
 */
import type { ConversionInbox, ConversionInboxItem, ConversionRequestList, ConversionRequestView } from '@yima/shared';
import { request } from './request';

export type { ConversionInboxItem, ConversionRequestView };

const base = (dependentId: string | null) =>
  dependentId ? `/api/dependents/${encodeURIComponent(dependentId)}/conversion-requests` : '/api/me/conversion-requests';

/** The person's requests, newest first (their own, or a relative's with `dependentId`). */
export const fetchConversions = async (dependentId: string | null): Promise<ConversionRequestView[]> =>
  (await request<ConversionRequestList>(base(dependentId), { auth: true })).data.requests;

export const fileConversion = async (dependentId: string | null, reason: string): Promise<ConversionRequestView> =>
  (await request<ConversionRequestView>(base(dependentId), { method: 'POST', data: { reason }, auth: true })).data;

/** The handler's inbox: the waiting requests, oldest first. */
export const fetchInbox = async (cursor: string | null): Promise<ConversionInbox> =>
  (await request<ConversionInbox>(`/api/conversion-requests${cursor ? `?cursor=${encodeURIComponent(cursor)}` : ''}`, { auth: true })).data;

export const decideConversion = async (id: string, approve: boolean, reason: string): Promise<ConversionRequestView> =>
  (
    await request<ConversionRequestView>(`/api/conversion-requests/${encodeURIComponent(id)}/decision`, {
      method: 'POST',
      data: { approve, reason },
      auth: true,
    })
  ).data;
