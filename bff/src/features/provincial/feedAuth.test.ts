import { createHash, createHmac } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { DomainError, statusOf } from '@yima/shared';
import { authenticateFeedRequest, signBody, signingString } from './feedAuth';

const key = Buffer.alloc(32, 5);
const feeds = new Map([['province', key]]);
const NOW = Date.parse('2026-11-22T08:00:00Z');
const options = { feeds, maxBytes: 1024, windowSeconds: 300, nowMs: NOW };
const body = '{"a":1}\n';

/** The request's headers as a Koa ctx.get would return them ('' when absent). */
const getter = (headers: Record<string, string>) => (name: string) => headers[name.toLowerCase()] ?? '';
const signed = (over: Record<string, string> = {}, at = new Date(NOW)): Record<string, string> => ({
  'content-type': 'application/x-ndjson',
  ...signBody(key, 'province', body, at),
  ...over,
});
const refusal = (headers: Record<string, string>) => {
  try {
    authenticateFeedRequest(getter(headers), options);
  } catch (err) {
    return err instanceof DomainError ? `${statusOf(err)} ${err.code}` : String(err);
  }
  return 'accepted';
};

describe('feed request signatures', () => {
  it('signs feed, timestamp, length and body digest, each on its own line after the scheme', () => {
    const headers = signBody(key, 'province', body, new Date(NOW + 999));
    const sha256 = createHash('sha256').update(body).digest('hex');
    expect(headers).toEqual({
      'content-length': '8',
      'x-feed-id': 'province',
      'x-feed-timestamp': String(NOW / 1000),
      'x-content-sha256': sha256,
      'x-signature': expect.stringMatching(/^v1=[0-9a-f]{64}$/),
    });
    const expected = createHmac('sha256', key)
      .update(`yima-feed-v1\nprovince\n${NOW / 1000}\n8\n${sha256}`)
      .digest('hex');
    expect(headers['x-signature']).toBe(`v1=${expected}`);
    expect(signingString({ feed: 'f', timestamp: 1, length: 2, sha256: 'ab' })).toBe('yima-feed-v1\nf\n1\n2\nab');
  });

  it('accepts a request signed now or within the window, and returns what the body must match', () => {
    expect(authenticateFeedRequest(getter(signed()), options)).toMatchObject({ feed: 'province', length: 8, timestamp: NOW / 1000 });
    expect(refusal(signed({}, new Date(NOW - 300_000)))).toBe('accepted');
    expect(refusal(signed({}, new Date(NOW + 300_000)))).toBe('accepted');
    // Header case does not matter for hex.
    const upper = signed();
    expect(
      refusal({
        ...upper,
        'x-signature': upper['x-signature'].toUpperCase().replace('V1=', 'v1='),
        'x-content-sha256': upper['x-content-sha256'].toUpperCase(),
      }),
    ).toBe('accepted');
  });

  it('refuses, in this order: unknown feed, missing signature parts, media type, encoding, length, time, signature', () => {
    expect(refusal(signed({ 'x-feed-id': 'other' }))).toBe('401 UNKNOWN_FEED');
    expect(refusal(signed({ 'x-signature': '' }))).toBe('401 MISSING_SIGNATURE');
    expect(refusal(signed({ 'x-signature': `sha256=${'a'.repeat(64)}` }))).toBe('401 MISSING_SIGNATURE');
    expect(refusal(signed({ 'x-feed-timestamp': '-1' }))).toBe('401 MISSING_SIGNATURE');
    expect(refusal(signed({ 'x-content-sha256': 'abc' }))).toBe('401 MISSING_SIGNATURE');
    expect(refusal(signed({ 'content-type': 'text/plain' }))).toBe('415 UNSUPPORTED_MEDIA_TYPE');
    expect(refusal(signed({ 'content-encoding': 'gzip' }))).toBe('415 UNSUPPORTED_CONTENT_ENCODING');
    expect(refusal(signed({ 'content-length': '' }))).toBe('411 LENGTH_REQUIRED');
    expect(refusal(signed({ 'transfer-encoding': 'chunked' }))).toBe('411 LENGTH_REQUIRED');
    expect(refusal(signed({ 'content-length': '1025' }))).toBe('413 PAYLOAD_TOO_LARGE');
    expect(refusal(signed({}, new Date(NOW - 301_000)))).toBe('401 SIGNATURE_EXPIRED');
    expect(refusal(signed({}, new Date(NOW + 301_000)))).toBe('401 SIGNATURE_EXPIRED');
    expect(refusal(signed({ 'content-length': '9' }))).toBe('401 BAD_SIGNATURE');
    expect(refusal(signed({ 'x-content-sha256': 'b'.repeat(64) }))).toBe('401 BAD_SIGNATURE');
    expect(refusal({ 'content-type': 'application/x-ndjson', ...signBody(Buffer.alloc(32, 6), 'province', body, new Date(NOW)) })).toBe('401 BAD_SIGNATURE');
  });

  it('needs X-Feed-Id only when several feeds are configured, and signs the feed it resolves to', () => {
    const { 'x-feed-id': _, ...anonymous } = signed();
    expect(refusal(anonymous)).toBe('accepted');
    const two = { ...options, feeds: new Map([...feeds, ['district', Buffer.alloc(32, 9)]]) };
    expect(() => authenticateFeedRequest(getter(anonymous), two)).toThrow(expect.objectContaining({ code: 'UNKNOWN_FEED' }));
    // Signed for one feed, presented as the other: the key and the signed id both differ.
    expect(() => authenticateFeedRequest(getter({ ...signed(), 'x-feed-id': 'district' }), two)).toThrow(expect.objectContaining({ code: 'BAD_SIGNATURE' }));
  });
});
