/** Login calls (docs/api.md). Pages call these, never request() directly. */
import type { LinkRequiredResponse, SessionResponse, SmsCodeResponse } from '@yima/shared';
import { platformLoginCredential } from '../platform/login';
import { request } from './request';
import { clearToken, setToken } from './session';

export type LoginOutcome = { kind: 'session'; registered: boolean } | { kind: 'linkRequired'; linkTicket: string };

function opened(session: SessionResponse): LoginOutcome {
  setToken(session.token);
  return { kind: 'session', registered: session.user.registered };
}

export async function requestSmsCode(phone: string): Promise<number> {
  const { data } = await request<SmsCodeResponse>('/api/auth/sms-codes', { method: 'POST', data: { phone } });
  return data.resendAfterSeconds;
}

export async function loginWithSms(phone: string, code: string, linkTicket?: string): Promise<LoginOutcome> {
  const { data } = await request<SessionResponse>('/api/auth/sessions', { method: 'POST', data: { method: 'sms', phone, code, linkTicket } });
  return opened(data);
}

export async function loginSimple(phone: string, idLast4: string): Promise<LoginOutcome> {
  const { data } = await request<SessionResponse>('/api/auth/sessions', { method: 'POST', data: { method: 'simple', phone, idLast4 } });
  return opened(data);
}

/** WeChat/Alipay one-tap login; null where the platform has none (H5). */
export async function loginWithPlatform(): Promise<LoginOutcome | null> {
  const credential = await platformLoginCredential();
  if (!credential) return null;
  const { status, data } = await request<SessionResponse | LinkRequiredResponse>('/api/auth/sessions', { method: 'POST', data: credential });
  if (status === 200 && 'linkRequired' in data) return { kind: 'linkRequired', linkTicket: data.linkTicket };
  return opened(data as SessionResponse);
}

export async function logout(): Promise<void> {
  try {
    await request('/api/auth/sessions/current', { method: 'DELETE', auth: true });
  } finally {
    clearToken();
  }
}
