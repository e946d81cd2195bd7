/** The resident's own profile and real-name registration. */
import type { Locale, MeResponse, StartVerificationResponse, VerificationChannel } from '@yima/shared';
import { request } from './request';

export const getMe = async () => (await request<MeResponse>('/api/me', { auth: true })).data;

export const registerIdentity = async (name: string, idNumber: string) =>
  (await request<MeResponse>('/api/me/identity', { method: 'PUT', data: { name, idNumber }, auth: true })).data;

export const saveLocale = async (locale: Locale) => (await request<MeResponse>('/api/me', { method: 'PATCH', data: { locale }, auth: true })).data;

/** Starts a face verification for this name and ID number (docs/decisions/0008). */
export const startVerification = async (name: string, idNumber: string, channel: VerificationChannel) =>
  (await request<StartVerificationResponse>('/api/me/identity/verifications', { method: 'POST', data: { name, idNumber, channel }, auth: true })).data;

/** Has the BFF ask the provider for the outcome; on success the account is verified and registered. */
export const completeVerification = async (id: string, result?: string) =>
  (
    await request<MeResponse>(`/api/me/identity/verifications/${encodeURIComponent(id)}/result`, {
      method: 'POST',
      data: result ? { result } : {},
      auth: true,
      timeout: 15_000,
    })
  ).data;

/** Records that the account accepts the privacy notice of `version` (the one in force). */
export const acceptPrivacy = async (version: string) =>
  (await request<MeResponse>('/api/me/privacy-consent', { method: 'PUT', data: { version }, auth: true })).data;
