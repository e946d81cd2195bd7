/**
 * POST /api/provincial/batches: the provincial feed (../shared/API.md, docs/provincial-feed.md).
 * NDJSON body, `X-Feed-Id` naming the feed (optional when only one is configured) and
 * `X-Signature: sha256=<hex HMAC-SHA256 of the body with the feed's key>`. A single line is a
 * delta: the same route, applied and pushed to open code pages within a second.
 */
import type { Config } from '../../config';
import { AppError, unauthorized } from '../../http/errors';
import type { AppRouter } from '../../http/router';
import type { Ingest } from './ingest';
import { parseSignatureHeader, spoolSigned } from './spool';

export const PROVINCIAL_BATCH_PATH = '/api/provincial/batches';
const NDJSON_TYPES = ['application/x-ndjson', 'application/ndjson', 'application/jsonl'];

export function provincialRoutes(router: AppRouter, d: { ingest: Ingest; provincial: Config['provincial'] }): void {
  router.post(PROVINCIAL_BATCH_PATH, async (ctx) => {
    const feeds = d.provincial.feeds;
    const named = ctx.get('X-Feed-Id');
    const feed = named || (feeds.size === 1 ? [...feeds.keys()][0] : '');
    const key = feeds.get(feed);
    if (!key) throw unauthorized('UNKNOWN_FEED', named ? `no feed "${named.slice(0, 40)}" is configured` : 'name the feed in X-Feed-Id');
    const claimed = parseSignatureHeader(ctx.get('X-Signature'));
    if (!claimed) throw unauthorized('MISSING_SIGNATURE', 'X-Signature: sha256=<hex HMAC-SHA256 of the body> is required');
    if (!ctx.is(NDJSON_TYPES)) throw new AppError('UNSUPPORTED_MEDIA_TYPE', 'send NDJSON with Content-Type: application/x-ndjson', { status: 415 });
    if ((ctx.request.length ?? 0) > d.provincial.maxBatchBytes) {
      throw new AppError('PAYLOAD_TOO_LARGE', `a batch may hold at most ${Math.round(d.provincial.maxBatchBytes / 1048576)} MiB; split it`, { status: 413 });
    }
    const spooled = await spoolSigned(ctx.req, key, claimed, d.provincial.maxBatchBytes);
    try {
      if (!spooled.signatureOk) throw unauthorized('BAD_SIGNATURE', 'the signature does not match the body: nothing was applied');
      const result = await d.ingest.ingestFile(spooled.path, feed);
      ctx.status = 202;
      ctx.body = result;
    } finally {
      await spooled.remove();
    }
  });
}
