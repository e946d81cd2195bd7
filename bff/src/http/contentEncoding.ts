/**
 * Request bodies are never compressed here: a `Content-Encoding` other than `identity` on a
 * request that carries (or may carry) a body is refused with 415 UNSUPPORTED_CONTENT_ENCODING
 * and `Accept-Encoding: identity` (RFC 9110 §15.5.16), before any byte of the body is read.
 *
 * Why refuse rather than decode (docs/decisions/0011-input-hardening-and-fuzzing.md): no client
 * of ours compresses requests (wx.request, my.request and fetch send plain bodies; the
 * provincial feed signs the bytes it sends), the JSON bodies are ≤ 16 KiB, and decoding would
 * put a decompressor — and its zip-bomb arithmetic — in front of the authentication of every
 * route. Before this guard, co-body inflated gzip/deflate/br bodies itself and a plain body
 * under those headers threw a zlib error that became a 500.
 *
 * It runs ahead of every body reader: the JSON reader (jsonBody.ts) and the routes that
 * stream their own body (provincial NDJSON, CSV import).
 */
import { DomainError } from '@yima/shared';
import type { Middleware } from 'koa';

const WITH_BODY = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

/** True when the header names any coding but identity ("gzip", "identity, br", "x-zip"…). */
export function isEncoded(header: string): boolean {
  return header
    .split(',')
    .map((c) => c.trim().toLowerCase())
    .some((c) => c !== '' && c !== 'identity');
}

export function refuseEncodedBodies(): Middleware {
  return async (ctx, next) => {
    const coding = ctx.get('Content-Encoding');
    // GETs never read a body; one sent with a coding anyway is ignored like any GET body.
    const mayHaveBody = WITH_BODY.has(ctx.method) || Boolean(ctx.request.length) || Boolean(ctx.get('Transfer-Encoding'));
    if (coding && mayHaveBody && isEncoded(coding)) {
      ctx.set('Accept-Encoding', 'identity');
      throw new DomainError('UNSUPPORTED_CONTENT_ENCODING', 'send the request body uncompressed (no Content-Encoding)');
    }
    return next();
  };
}
