/** Posting provincial batches as the province would: NDJSON with signed headers (feedAuth.ts). */
import { signBody } from '@yima/bff/src/features/provincial';
import { call, type Reply } from './http';
import type { TestApp } from './testApp';

export interface FeedLine {
  idNumber: string;
  color: string;
  reasonCode?: string;
  reasonText?: string;
  setBy?: string;
  effectiveAt?: string;
  version: number;
}

export const ndjson = (lines: (FeedLine | string)[]) => lines.map((l) => (typeof l === 'string' ? l : JSON.stringify(l))).join('\n') + '\n';

/** A full line with defaults: effective now (the app's clock), set by the province. */
export function feedLine(app: TestApp, over: Partial<FeedLine> & { idNumber: string; color: string; version: number }): FeedLine {
  return { reasonCode: 'PROV_CODE', reasonText: '省平台赋码', setBy: '省健康码平台', effectiveAt: app.clock.now().toISOString(), ...over };
}

export interface SignOptions {
  /** Feed named in X-Feed-Id and signed (default `province`); null sends no X-Feed-Id. */
  feed?: string | null;
  /** Key that signs (default: the feed's configured key). */
  key?: Buffer;
  /** Signing time (default: the app's clock now). */
  at?: Date;
  /** Body whose length and digest are signed (default: the body sent). */
  signedBody?: string | Buffer;
}

/** The signed headers for `body`, as a sender makes them, Content-Type and Content-Length included. */
export function feedRequestHeaders(app: TestApp, body: string | Buffer, o: SignOptions = {}): Record<string, string> {
  const feed = o.feed ?? 'province';
  const key = o.key ?? app.config.provincial.feeds.get(feed) ?? Buffer.alloc(32);
  const headers: Record<string, string> = { 'content-type': 'application/x-ndjson', ...signBody(key, feed, o.signedBody ?? body, o.at ?? app.clock.now()) };
  if (o.feed === null) delete headers['x-feed-id'];
  return headers;
}

/** Posts a batch signed now; `headers` replaces (or, with '', removes) single headers. */
export async function postBatch(app: TestApp, body: string, opts: SignOptions & { headers?: Record<string, string> } = {}): Promise<Reply> {
  const headers = { ...feedRequestHeaders(app, body, opts), ...opts.headers };
  for (const [name, value] of Object.entries(headers)) if (value === '') delete headers[name];
  // fetch frames the body itself (test/security/feedUploads.test.ts sends raw requests).
  delete headers['content-length'];
  return call(app.url, 'POST', '/api/provincial/batches', undefined, { rawBody: body, headers });
}
