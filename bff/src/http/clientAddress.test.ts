import { describe, expect, it } from 'vitest';
import { clientAddress, limitKeyOf } from './clientAddress';

const ctx = (xff: string | undefined, peer = '::ffff:192.0.2.9') => ({
  get: (name: string) => (name.toLowerCase() === 'x-forwarded-for' ? (xff ?? '') : ''),
  socket: { remoteAddress: peer } as never,
});

describe('client address', () => {
  it.each([
    // [X-Forwarded-For, hops, client]
    [undefined, 0, '192.0.2.9'],
    ['203.0.113.5', 0, '192.0.2.9'],
    ['203.0.113.5', 1, '203.0.113.5'],
    ['6.6.6.6, 203.0.113.5', 1, '203.0.113.5'],
    ['6.6.6.6, 7.7.7.7, 203.0.113.5, 198.51.100.2', 2, '203.0.113.5'],
    // Fewer entries than our proxies append: not through our proxies; the peer counts.
    ['203.0.113.5', 2, '192.0.2.9'],
    [undefined, 1, '192.0.2.9'],
    // Not an address: the peer.
    ['6.6.6.6, not-an-ip', 1, '192.0.2.9'],
    ['6.6.6.6, 203.0.113.5:4711', 1, '203.0.113.5'],
    ['6.6.6.6, [2001:db8::1]:443', 1, '2001:db8::1'],
  ] as const)('X-Forwarded-For %j with %i hops → %s', (xff, hops, expected) => {
    expect(clientAddress(ctx(xff), hops)).toBe(expected);
  });

  it('when an IPv6 client changes the low 64 bits, then it still counts under one /64', () => {
    expect(limitKeyOf('2001:db8:1:2:aaaa::1')).toBe(limitKeyOf('2001:0db8:0001:0002:ffff:1:2:3'));
    expect(limitKeyOf('2001:db8:1:2::1')).not.toBe(limitKeyOf('2001:db8:1:3::1'));
    expect(limitKeyOf('203.0.113.5')).toBe('203.0.113.5');
  });
});
