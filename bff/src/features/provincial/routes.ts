/**
 * POST /api/provincial/batches: the provincial feed (docs/api.md, docs/provincial-feed.md).
 * NDJSON body with Content-Length, and signed headers (feedAuth.ts). In order, before a byte
 * of the body is read: the headers are authenticated, the signature is claimed (each is
 * accepted once), the feed's upload lock and spool space are taken (uploadGuard.ts). Only then
 * does a sender that asked (`Expect: 100-continue`) get "100 Continue"; the body streams to
 * the spool against its declared digest and length, and only then applies. A single line is
 * a delta: the same route, applied and pushed to open code pages within a second.
 */
import { DomainError } from '@yima/shared';
import type { Context } from 'koa';
import type { Config } from '../../config';
import { sendContinue } from '../../http/expectContinue';
import type { Access } from '../../http/access';
import type { AppRouter } from '../../http/router';
import type { Clock } from '../../clock';
import { authenticateFeedRequest } from './feedAuth';
import type { Ingest } from './ingest';
import { spoolVerified } from './spool';
import type { UploadGuard, UploadSlot } from './uploadGuard';

export const PROVINCIAL_BATCH_PATH = '/api/provincial/batches';

export function provincialRoutes(
  router: AppRouter,
  d: { access: Access; ingest: Ingest; guard: UploadGuard; clock: Clock; provincial: Config['provincial'] },
): void {
  const p = d.provincial;

  /** Everything that may refuse the request while its body is still unread. */
  async function admit(ctx: Context): Promise<{ feed: string; length: number; sha256: string; slot: UploadSlot }> {
    const request = authenticateFeedRequest((name) => ctx.get(name), {
      feeds: p.feeds,
      maxBytes: p.maxBatchBytes,
      windowSeconds: p.signatureWindowSeconds,
      nowMs: d.clock.now().getTime(),
    });
    if (!(await d.guard.claimSignature(request.feed, request.signatureHex))) {
      throw new DomainError('SIGNATURE_REPLAYED', 'this signature was accepted before; sign each request afresh');
    }
    const slot = await d.guard.begin(request.feed, request.length);
    return { ...request, slot };
  }

  // Anyone may send; the route authenticates the feed by its signature (feedAuth.ts).
  router.post(PROVINCIAL_BATCH_PATH, d.access.anyone(), async (ctx) => {
    try {
      const { feed, length, sha256, slot } = await admit(ctx);
      try {
        sendContinue(ctx);
        const spooled = await spoolVerified(ctx.req, p.spoolDir, { length, sha256 });
        try {
          const result = await d.ingest.ingestFile(spooled.path, feed);
          ctx.status = 202;
          ctx.body = result;
        } finally {
          await spooled.remove();
        }
      } finally {
        await slot.release();
      }
    } catch (err) {
      // A refusal may come while most of the body is unread (always, before admission): close
      // the connection after answering, so the rest is neither received nor drained.
      ctx.set('Connection', 'close');
      throw err;
    }
  });
}
