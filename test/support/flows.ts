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

export async function loginBySms(
  base: string,
  phone = newPhone(),
  ip = newIp(),
): Promise<{ token: string; userId: string; phone: string; registered: boolean }> {
  const sent = await call(base, 'POST', '/api/auth/sms-codes', { phone }, { ip });
  expect(sent.status).toBe(202);
  const code = await latestCode(base, phone);
  const res = await call(base, 'POST', '/api/auth/sessions', { method: 'sms', phone, code }, { ip });
  expect(res.status).toBe(201);
  return { token: res.body.token, userId: res.body.user.id, phone, registered: res.body.user.registered };
}

/** Real-name verification through the dev provider (YIMA_DEV=1, REAL_NAME_PROVIDERS=dev):
 * start, then complete; the answer of the completion (the profile, or an error). */
export async function verifyIdentity(base: string, token: string, who: { name: string; idNumber: string }, opts: { result?: string } = {}) {
  const started = await call(base, 'POST', '/api/me/identity/verifications', { ...who, channel: 'h5' }, { token });
  expect(started.status).toBe(201);
  return call(base, 'POST', `/api/me/identity/verifications/${started.body.id}/result`, opts.result ? { result: opts.result } : {}, { token });
}

/** A resident as most tests need one: logged in and registered with a verified identity, so
 * the whole record (feed, marks, filers) is theirs to see (docs/decisions/0008). */
export async function registerResident(base: string, who: { name?: string; idNumber?: string; phone?: string } = {}) {
  const session = await loginBySms(base, who.phone);
  const name = who.name ?? '张小三';
  const idNumber = who.idNumber ?? newIdNumber();
  const res = await verifyIdentity(base, session.token, { name, idNumber });
  expect(res.status).toBe(200);
  return { ...session, name, idNumber };
}

/** A resident who only declared their identity (PUT /api/me/identity), not verified. */
export async function declareResident(base: string, who: { name?: string; idNumber?: string; phone?: string } = {}) {
  const session = await loginBySms(base, who.phone);
  const name = who.name ?? '张小三';
  const idNumber = who.idNumber ?? newIdNumber();
  const res = await call(base, 'PUT', '/api/me/identity', { name, idNumber }, { token: session.token });
  expect(res.status).toBe(200);
  return { ...session, name, idNumber };
}
