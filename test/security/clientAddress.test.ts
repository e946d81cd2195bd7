/**
 * Issue 10, finding 3: the client address is not what the client writes. Tests stand in for
 * one proxy of ours (TRUST_PROXY_HOPS=1): it appends the real client address as the last
 * `X-Forwarded-For` entry; everything to its left is the attacker's own text.
 */
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { newIdNumber, newPhone } from '../support/ids';
import { call, newIp } from '../support/http';
import { startTestApp, type TestApp } from '../support/testApp';
import { dataNodes } from '@yima/bff/src/redis';

const IP_LIMIT = 5;
let behindOneProxy: TestApp;
let exposedDirectly: TestApp;

beforeAll(async () => {
  behindOneProxy = await startTestApp({ env: { SMS_IP_LIMIT: String(IP_LIMIT) } });
  exposedDirectly = await startTestApp({ env: { SMS_IP_LIMIT: String(IP_LIMIT), TRUST_PROXY_HOPS: '0' } });
});
beforeEach(() => behindOneProxy.reset());
afterAll(async () => {
  await behindOneProxy.close();
  await exposedDirectly.close();
});

/** An address the attacker makes up afresh for every request. */
const forged = () =>
  `${1 + Math.floor(Math.random() * 200)}.${Math.floor(Math.random() * 250)}.${Math.floor(Math.random() * 250)}.${1 + Math.floor(Math.random() * 250)}`;

describe('per-client SMS limit behind one proxy', () => {
  it('when one client forges a new leftmost X-Forwarded-For entry on every request, then it still gets only its own quota of SMS', async () => {
    const attacker = newIp();
    const statuses: { status: number; code?: string }[] = [];
    for (let i = 0; i < IP_LIMIT * 4; i++) {
      const res = await call(
        behindOneProxy.url,
        'POST',
        '/api/auth/sms-codes',
        { phone: newPhone() },
        { headers: { 'x-forwarded-for': `${forged()}, ${forged()}, ${attacker}` } },
      );
      statuses.push({ status: res.status, code: res.body?.error?.code });
    }
    expect(statuses.filter((s) => s.status === 202)).toHaveLength(IP_LIMIT);
    // Refused by the per-client limit, before the provider: the city's capacity is not spent.
    expect(statuses.slice(IP_LIMIT).every((s) => s.status === 429 && s.code === 'SMS_RATE_LIMITED')).toBe(true);
    // Another client behind the same proxy is untouched.
    const other = await call(
      behindOneProxy.url,
      'POST',
      '/api/auth/sms-codes',
      { phone: newPhone() },
      { headers: { 'x-forwarded-for': `${forged()}, ${newIp()}` } },
    );
    expect(other.status).toBe(202);
  });

  it('when a request carries no X-Forwarded-For at all (it bypassed the proxy), then it counts under its socket address, not under a free new bucket', async () => {
    const res = [];
    for (let i = 0; i < IP_LIMIT + 1; i++)
      res.push(
        (
          await fetch(`${behindOneProxy.url}/api/auth/sms-codes`, {
            method: 'POST',
            headers: { 'content-type': 'application/json' },
            body: JSON.stringify({ phone: newPhone() }),
          })
        ).status,
      );
    expect(res.slice(0, IP_LIMIT).every((s) => s === 202)).toBe(true);
    expect(res[IP_LIMIT]).toBe(429);
  });
});

describe('simple-login guesses behind one proxy', () => {
  it('when one client guesses across many phones with forged leftmost entries, then it is stopped after the per-client failure limit (50 an hour)', async () => {
    const attacker = newIp();
    let refusedAt = -1;
    for (let i = 0; i < 60 && refusedAt < 0; i++) {
      // A new phone every 4 guesses stays under the per-phone limit (5): only the per-client one can stop this.
      const phone = `139${String(Math.floor(i / 4)).padStart(8, '0')}`;
      const res = await call(
        behindOneProxy.url,
        'POST',
        '/api/auth/sessions',
        { method: 'simple', phone, idLast4: newIdNumber().slice(-4) },
        { headers: { 'x-forwarded-for': `${forged()}, ${attacker}` } },
      );
      if (res.status === 429) refusedAt = i;
      else expect(res.body.error.code).toBe('INVALID_CREDENTIALS');
    }
    expect(refusedAt).toBe(50);
  });
});

describe('a BFF exposed directly (TRUST_PROXY_HOPS=0)', () => {
  it('when clients send X-Forwarded-For, then it is ignored: every request counts under the socket address', async () => {
    await Promise.all(dataNodes(exposedDirectly.redis).map((node) => node.flushdb()));
    const statuses: number[] = [];
    for (let i = 0; i < IP_LIMIT + 2; i++) {
      statuses.push(
        (await call(exposedDirectly.url, 'POST', '/api/auth/sms-codes', { phone: newPhone() }, { headers: { 'x-forwarded-for': forged() } })).status,
      );
    }
    expect(statuses.filter((s) => s === 202)).toHaveLength(IP_LIMIT);
    expect(statuses.slice(IP_LIMIT)).toEqual([429, 429]);
  });
});
