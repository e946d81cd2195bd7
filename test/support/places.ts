/** A place for tests that need one to visit: an operator (granted through the admin command)
 * creates a community place in 朝阳区 and its id is answered. */
import { expect } from 'vitest';
import { loginBySms } from './flows';
import { call } from './http';
import { grantRole } from './roles';
import type { TestApp } from './testApp';

export async function communityPlace(app: TestApp, name: string, address = `北京市朝阳区${name}路 1 号`): Promise<string> {
  const op = await loginBySms(app.url);
  await grantRole(app, op.phone, 'operator');
  const made = await call(app.url, 'POST', '/api/venues', { type: 'community', name, address, district: '110105' }, { token: op.token });
  expect(made.status).toBe(201);
  return made.body.id as string;
}
