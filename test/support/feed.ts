/** Posting provincial batches as the province would: NDJSON, signed with the feed's key. */
import { signBatch } from '@yima/bff/src/features/provincial/batchGenerator';
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

export async function postBatch(app: TestApp, body: string, opts: { signature?: string; feed?: string; contentType?: string } = {}): Promise<Reply> {
  const key = app.config.provincial.feeds.get('province')!;
  const headers: Record<string, string> = { 'content-type': opts.contentType ?? 'application/x-ndjson', 'x-signature': opts.signature ?? signBatch(key, body) };
  if (opts.feed !== undefined) headers['x-feed-id'] = opts.feed;
  return call(app.url, 'POST', '/api/provincial/batches', undefined, { rawBody: body, headers });
}
