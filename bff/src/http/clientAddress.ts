/**
 * The client's address, for per-client limits (SMS sends, simple-login guesses).
 *
 * `X-Forwarded-For` is a list each proxy appends to: whatever the client wrote comes first,
 * then one entry per proxy hop. Only the entries our own proxies appended can be trusted, so
 * the address is read from the right: with `hops` trusted proxies in front of the BFF, the
 * client is the `hops`-th entry from the right. With hops = 0 the header is ignored and the
 * socket's peer is the client. A request carrying fewer entries than there are trusted hops
 * did not come through our proxies (or one of them misbehaves): its socket peer is used, never
 * an entry the client could have written. (Koa's `proxy` + `maxIpsCount` would take the
 * leftmost entry in that case, which is why this is ours.)
 */
import { isIP } from 'node:net';
import type { Context } from 'koa';

const normalise = (address: string) => (address.startsWith('::ffff:') && isIP(address.slice(7)) === 4 ? address.slice(7) : address);

export function clientAddress(ctx: Pick<Context, 'get' | 'socket'>, hops: number): string {
  const peer = normalise(ctx.socket.remoteAddress ?? '');
  if (hops === 0) return peer;
  const header = ctx.get('X-Forwarded-For');
  if (!header) return peer;
  const entries = header.split(',').map((e) => e.trim());
  if (entries.length < hops) return peer;
  const candidate = normalise(stripPort(entries[entries.length - hops]));
  return isIP(candidate) ? candidate : peer;
}

/** Some proxies write `1.2.3.4:5678` or `[2001:db8::1]:443`. */
function stripPort(entry: string): string {
  const bracketed = /^\[([^\]]+)\](?::\d+)?$/.exec(entry);
  if (bracketed) return bracketed[1];
  const v4WithPort = /^(\d{1,3}(?:\.\d{1,3}){3}):\d+$/.exec(entry);
  return v4WithPort ? v4WithPort[1] : entry;
}

/** The key a per-client limit counts under: an IPv4 address, or an IPv6 /64 (one subscriber
 * usually holds a whole /64, and could otherwise take a fresh address for every request). */
export function limitKeyOf(address: string): string {
  if (isIP(address) !== 6) return address;
  const groups = expandIpv6(address);
  return groups ? `${groups.slice(0, 4).join(':')}::/64` : address;
}

function expandIpv6(address: string): string[] | null {
  const [head, tail = ''] = address.split('::');
  const part = (s: string) => (s ? s.split(':') : []);
  const left = part(head);
  const right = address.includes('::') ? part(tail) : [];
  if (right.some((g) => g.includes('.')) || left.some((g) => g.includes('.'))) return null;
  const fill = 8 - left.length - right.length;
  if (fill < 0) return null;
  return [...left, ...Array<string>(fill).fill('0'), ...right].map((g) => g.toLowerCase().replace(/^0+(?=.)/, ''));
}
