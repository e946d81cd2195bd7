/**
 * What the fuzzer sends, as plain JSON data (a `FuzzCase`), and how a case becomes bytes on
 * the wire (`toRawRequest`). Cases name routes and fixture values symbolically ("POST
 * /api/venues", "$venueId"), so a counterexample pasted into fuzz.test.ts still means the same
 * request in a later run, with other ids.
 */
import { brotliCompressSync, deflateSync, gzipSync } from 'node:zlib';
import type { RawRequest } from '../../support/rawHttp';
import type { Caller, Fixtures } from './fixtures';

/** A path parameter: a fixture's value, or text sent percent-encoded or exactly as given. */
export type Param = { fixture: string } | { text: string; raw?: boolean };

export type Body =
  | { kind: 'none' }
  | { kind: 'json'; value: unknown }
  | { kind: 'text'; text: string }
  | { kind: 'bytes'; base64: string }
  /** A JSON body really compressed with the case's Content-Encoding (or gzip). */
  | { kind: 'compressed'; value: unknown }
  /** A JSON document of about this many bytes (the limits are 16 KiB). */
  | { kind: 'big'; bytes: number };

export interface FuzzCase {
  /** "METHOD /pattern/:param" from the app's routes, or any path (sent as given). */
  route: string;
  /** Another method than the route's (405s, HEAD, OPTIONS…). */
  method?: string;
  params: Param[];
  /** The query string without "?", sent as given. */
  query: string;
  as: Caller;
  body: Body;
  contentType: string | null;
  contentEncoding: string | null;
  chunked: boolean;
  headers: Record<string, string>;
}

let ipSeq = 0;
/** Each request comes from its own address: per-address limits must not mask other checks. */
const nextIp = () => {
  ipSeq += 1;
  return `172.${16 + ((ipSeq >> 16) & 15)}.${(ipSeq >> 8) & 255}.${ipSeq & 255}`;
};

/** Replaces "$name" strings (anywhere in a JSON value) by the fixture's value. */
export function resolvePlaceholders(value: unknown, values: Record<string, string>): unknown {
  if (typeof value === 'string' && value.startsWith('$') && value.slice(1) in values) return values[value.slice(1)];
  if (Array.isArray(value)) return value.map((v) => resolvePlaceholders(v, values));
  if (value && typeof value === 'object') return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, resolvePlaceholders(v, values)]));
  return value;
}

/** encodeURIComponent, but total: a lone surrogate goes out as the UTF-8 of U+FFFD (what
 * Buffer makes of it) instead of throwing URIError in the test itself. */
export function percentEncode(text: string): string {
  let out = '';
  for (const byte of Buffer.from(text, 'utf8')) {
    const ch = String.fromCharCode(byte);
    out += /[A-Za-z0-9\-_.!~*'()]/.test(ch) ? ch : `%${byte.toString(16).toUpperCase().padStart(2, '0')}`;
  }
  return out;
}

function encodeParam(p: Param, values: Record<string, string>): string {
  if ('fixture' in p) return percentEncode(values[p.fixture] ?? p.fixture);
  return p.raw ? p.text : percentEncode(p.text);
}

/** The route's method and pattern, and the path with its parameters filled in. */
export function pathOf(c: FuzzCase, values: Record<string, string>): { method: string; path: string } {
  const space = c.route.indexOf(' ');
  const method = c.method ?? c.route.slice(0, space);
  const pattern = c.route.slice(space + 1);
  let i = 0;
  const path = pattern.replace(/:[A-Za-z_]+/g, () => encodeParam(c.params[i++] ?? { text: '1' }, values));
  return { method, path: c.query ? `${path}?${c.query}` : path };
}

function compress(coding: string | null, bytes: Buffer): Buffer {
  const c = (coding ?? 'gzip').toLowerCase().trim();
  if (c === 'br') return brotliCompressSync(bytes);
  if (c === 'deflate') return deflateSync(bytes);
  return gzipSync(bytes);
}

function bodyBytes(c: FuzzCase, values: Record<string, string>): Buffer | undefined {
  const b = c.body;
  switch (b.kind) {
    case 'none':
      return undefined;
    case 'json':
      return Buffer.from(JSON.stringify(resolvePlaceholders(b.value, values)) ?? 'null', 'utf8');
    case 'text':
      return Buffer.from(b.text, 'utf8');
    case 'bytes':
      return Buffer.from(b.base64, 'base64');
    case 'compressed':
      return compress(c.contentEncoding, Buffer.from(JSON.stringify(resolvePlaceholders(b.value, values)) ?? 'null', 'utf8'));
    case 'big':
      return Buffer.from(JSON.stringify({ name: 'x'.repeat(Math.max(0, b.bytes - 11)) }), 'utf8');
  }
}

export function toRawRequest(c: FuzzCase, fx: Fixtures, timeoutMs: number): RawRequest {
  const { method, path } = pathOf(c, fx.values);
  const headers: Record<string, string> = { 'x-forwarded-for': nextIp(), ...c.headers };
  if (c.as === 'forged') headers.authorization = `Bearer 1.${'A'.repeat(43)}`;
  else if (c.as !== 'anonymous') headers.authorization = `Bearer ${fx.tokens[c.as]}`;
  if (c.contentType !== null) headers['content-type'] = c.contentType;
  if (c.contentEncoding !== null) headers['content-encoding'] = c.contentEncoding;
  return { method, path, headers, body: bodyBytes(c, fx.values), chunked: c.chunked, timeoutMs };
}

/** One line to print for a case: method, path, caller, types, body size (no tokens). */
export function describeCase(c: FuzzCase, fx: Fixtures): string {
  const { method, path } = pathOf(c, fx.values);
  const size = bodyBytes(c, fx.values)?.length ?? 0;
  return `${method} ${path.slice(0, 160)} as=${c.as} type=${c.contentType} encoding=${c.contentEncoding} chunked=${c.chunked} body=${c.body.kind}/${size}B`;
}
