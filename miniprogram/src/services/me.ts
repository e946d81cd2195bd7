/** The resident's own profile and real-name registration. */
import type { Locale, MeResponse } from '@yima/shared';
import { request } from './request';

export const getMe = async () => (await request<MeResponse>('/api/me', { auth: true })).data;

export const registerIdentity = async (name: string, idNumber: string) =>
  (await request<MeResponse>('/api/me/identity', { method: 'PUT', data: { name, idNumber }, auth: true })).data;

export const saveLocale = async (locale: Locale) => (await request<MeResponse>('/api/me', { method: 'PATCH', data: { locale }, auth: true })).data;
