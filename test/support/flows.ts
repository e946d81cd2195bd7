/** Multi-step client flows used by many tests. */
import { expect } from 'vitest';
import { call, newIp } from './http';
import { newIdNumber, newPhone } from './ids';

/** The newest code the dev outbox holds for a phone. */
export async function latestCode(base: string, phone: string): Promise<string> {
  const res = await call(base, 'GET', `/api/dev/sms-outbox?phone=${phone}`);
  expect(res.status).toBe(200);
  const match = /验证码 (\d{6})/.exec(res.body.messages[0]?.text ?? '');
  if (!match) throw new Error(`no code in the outbox for ${phone}`);
  return match[1];
}

export async function loginBySms(base: string, phone = newPhone(), ip = newIp()): Promise<{ token: string; userId: string; phone: string; registered: boolean }> {
  const sent = await call(base, 'POST', '/api/auth/sms-codes', { phone }, { ip });
  expect(sent.status).toBe(202);
  const code = await latestCode(base, phone);
  const res = await call(base, 'POST', '/api/auth/sessions', { method: 'sms', phone, code }, { ip });
  expect(res.status).toBe(201);
  return { token: res.body.token, userId: res.body.user.id, phone, registered: res.body.user.registered };
}

export async function registerResident(base: string, who: { name?: string; idNumber?: string; phone?: string } = {}) {
  const session = await loginBySms(base, who.phone);
  const name = who.name ?? '张小三';
  const idNumber = who.idNumber ?? newIdNumber();
  const res = await call(base, 'PUT', '/api/me/identity', { name, idNumber }, { token: session.token });
  expect(res.status).toBe(200);
  return { ...session, name, idNumber };
}
