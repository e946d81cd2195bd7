/**
 * The provincial feed's request signature (docs/provincial-feed.md, decision 0010). The
 * signature covers the headers only — feed id, timestamp, content length and the body's
 * SHA-256 — so a request is authenticated before a byte of its body is read; the body is
 * then held to the digest while it streams (spool.ts). The same code signs (the sender CLI,
 * tests, the benchmark) and checks (the route), so the two cannot drift apart.
 */
import { DomainError } from '@yima/shared';
import { createHash, createHmac, timingSafeEqual } from 'node:crypto';
import { createReadStream } from 'node:fs';

/** First line of the signed string: names the scheme, so a later one cannot be confused with it. */
export const SIGNATURE_SCHEME = 'yima-feed-v1';
export const NDJSON_TYPES = ['application/x-ndjson', 'application/ndjson', 'application/jsonl'];

export interface SignedFields {
  feed: string;
  /** Unix seconds on the sender's clock. */
  timestamp: number;
  /** The body's exact length in bytes (the Content-Length sent). */
  length: number;
  /** The body's SHA-256, lowercase hex. */
  sha256: string;
}

export const signingString = (f: SignedFields) => [SIGNATURE_SCHEME, f.feed, String(f.timestamp), String(f.length), f.sha256].join('\n');

export const feedSignature = (key: Buffer, f: SignedFields): Buffer => createHmac('sha256', key).update(signingString(f)).digest();

/** Every header a sender adds besides Content-Type, Content-Length included. */
export function feedHeaders(key: Buffer, f: SignedFields): Record<string, string> {
  return {
    'content-length': String(f.length),
    'x-feed-id': f.feed,
    'x-feed-timestamp': String(f.timestamp),
    'x-content-sha256': f.sha256,
    'x-signature': `v1=${feedSignature(key, f).toString('hex')}`,
  };
}

/** Signs a body held in memory (deltas, tests) at `at`. */
export function signBody(key: Buffer, feed: string, body: string | Buffer, at: Date): Record<string, string> {
  const bytes = typeof body === 'string' ? Buffer.from(body) : body;
  return feedHeaders(key, { feed, timestamp: Math.floor(at.getTime() / 1000), length: bytes.length, sha256: createHash('sha256').update(bytes).digest('hex') });
}

/** Length and SHA-256 of a batch file (read once, streaming), to sign it when it is sent. */
export async function fileDigest(path: string): Promise<{ length: number; sha256: string }> {
  const hash = createHash('sha256');
  let length = 0;
  for await (const chunk of createReadStream(path, { highWaterMark: 1 << 20 })) {
    length += (chunk as Buffer).length;
    hash.update(chunk as Buffer);
  }
  return { length, sha256: hash.digest('hex') };
}

/** An authenticated request, ready for its body. */
export interface FeedRequest extends SignedFields {
  /** The HMAC as sent, lowercase hex: remembered to refuse a replay. */
  signatureHex: string;
}

export interface FeedAuthOptions {
  feeds: ReadonlyMap<string, Buffer>;
  maxBytes: number;
  windowSeconds: number;
  nowMs: number;
}

const HEX64 = /^[0-9a-f]{64}$/i;
const INTEGER = /^\d{1,15}$/;
const SCHEME_HELP = 'send X-Feed-Timestamp, X-Content-SHA256 and X-Signature: v1=<hex HMAC-SHA256> (docs/provincial-feed.md)';

/**
 * Checks everything about a feed request that its headers can tell: the feed, the form of
 * the signature headers, the media type, the declared length, the timestamp window and the
 * HMAC. Throws the refusal; costs one HMAC over ~150 bytes whatever the body's size.
 * `get` returns a header's value or '' (Koa's ctx.get).
 */
export function authenticateFeedRequest(get: (name: string) => string, o: FeedAuthOptions): FeedRequest {
  const named = get('x-feed-id');
  const feed = named || (o.feeds.size === 1 ? [...o.feeds.keys()][0] : '');
  const key = o.feeds.get(feed);
  if (!key) throw new DomainError('UNKNOWN_FEED', named ? `no feed "${named.slice(0, 40)}" is configured` : 'name the feed in X-Feed-Id');

  const signature = /^v1=([0-9a-f]{64})$/i.exec(get('x-signature').trim());
  const timestamp = get('x-feed-timestamp').trim();
  const sha256 = get('x-content-sha256').trim();
  if (!signature || !INTEGER.test(timestamp) || !HEX64.test(sha256)) throw new DomainError('MISSING_SIGNATURE', SCHEME_HELP);

  const type = get('content-type').split(';')[0].trim().toLowerCase();
  if (!NDJSON_TYPES.includes(type)) throw new DomainError('UNSUPPORTED_MEDIA_TYPE', 'send NDJSON with Content-Type: application/x-ndjson');
  const encoding = get('content-encoding').trim().toLowerCase();
  if (encoding && encoding !== 'identity') throw new DomainError('UNSUPPORTED_CONTENT_ENCODING', 'send the batch uncompressed (no Content-Encoding)');

  // The spool reserves the declared length before the body is read: no length, no upload.
  const declared = get('content-length').trim();
  if (get('transfer-encoding') || !INTEGER.test(declared)) throw new DomainError('LENGTH_REQUIRED', 'send Content-Length (chunked uploads are refused)');
  const length = Number(declared);
  if (length > o.maxBytes) throw new DomainError('PAYLOAD_TOO_LARGE', `a batch may hold at most ${Math.round(o.maxBytes / 1048576)} MiB; split it`);

  const fields: SignedFields = { feed, timestamp: Number(timestamp), length, sha256: sha256.toLowerCase() };
  if (Math.abs(o.nowMs / 1000 - fields.timestamp) > o.windowSeconds) {
    throw new DomainError(
      'SIGNATURE_EXPIRED',
      `X-Feed-Timestamp must be within ${o.windowSeconds} s of our clock (${new Date(o.nowMs).toISOString()}); sign each request when sending it`,
    );
  }
  const claimed = Buffer.from(signature[1], 'hex');
  if (!timingSafeEqual(feedSignature(key, fields), claimed))
    throw new DomainError('BAD_SIGNATURE', 'the signature does not match the headers it covers: nothing was read', { situation: 'feedRequest' });
  return { ...fields, signatureHex: signature[1].toLowerCase() };
}
