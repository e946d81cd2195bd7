/**
 * A signed NDJSON batch route (decision 0010): the provincial feed's and the health-record
 * feeds' (decision 0026) differ only in their path, their feeds' keys and what applies a
 * spooled body, so the admission and spooling are written once, here. In order, before a
 * byte of the body is read: the headers are authenticated against this route's feeds only,
 * the signature is claimed (each is accepted once), the feed's upload lock and spool space are
 * taken (uploadGuard.ts). Only then does a sender that asked (`Expect: 100-continue`) get
 * "100 Continue"; the body streams to the spool against its declared digest and length, and
 * only then applies.
 */
import { DomainError, type ProvincialBatchResult } from '@yima/shared';
import type { Context } from 'koa';
import type { Access } from '../../http/access';
import { sendContinue } from '../../http/expectContinue';
import type { AppRouter } from '../../http/router';
import type { Clock } from '../../clock';
import { authenticateFeedRequest } from './feedAuth';
import { spoolVerified } from './spool';
import type { UploadGuard, UploadSlot } from './uploadGuard';

/**
 * The name a feed's upload lock and remembered signatures go by. Feed ids are per kind (a lab
 * may be called `province` too), so other kinds' names carry their kind: a nucleic-acid upload
 * and a provincial one of the same id neither block nor replay each other. Provincial feeds
 * keep their bare id (the keys already in Redis while a deploy rolls over).
 */
export const feedLockName = (kind: string, feed: string) => (kind === 'provincial' ? feed : `${kind}:${feed}`);

export interface BatchRouteOptions {
  path: string;
  /** `provincial`, `nucleic-acid`, `vaccination`: names the feed's lock (feedLockName). */
  kind: string;
  access: Access;
  guard: UploadGuard;
  clock: Clock;
  /** This route's feeds only: another kind's key is an unknown feed here. */
  feeds: ReadonlyMap<string, Buffer>;
  limits: { maxBatchBytes: number; signatureWindowSeconds: number; spoolDir: string };
  /** Applies a spooled, verified body sent by `feed`. */
  apply: (path: string, feed: string) => Promise<ProvincialBatchResult>;
}

export function signedBatchRoute(router: AppRouter, o: BatchRouteOptions): void {
  /** Everything that may refuse the request while its body is still unread. */
  async function admit(ctx: Context): Promise<{ feed: string; length: number; sha256: string; slot: UploadSlot }> {
    const request = authenticateFeedRequest((name) => ctx.get(name), {
      feeds: o.feeds,
      maxBytes: o.limits.maxBatchBytes,
      windowSeconds: o.limits.signatureWindowSeconds,
      nowMs: o.clock.now().getTime(),
    });
    const lock = feedLockName(o.kind, request.feed);
    if (!(await o.guard.claimSignature(lock, request.signatureHex))) {
      throw new DomainError('SIGNATURE_REPLAYED', 'this signature was accepted before; sign each request afresh');
    }
    const slot = await o.guard.begin(lock, request.length);
    return { ...request, slot };
  }

  // Anyone may send; the route authenticates the feed by its signature (feedAuth.ts).
  router.post(o.path, o.access.anyone(), async (ctx) => {
    // A refusal may come while most of the body is unread (always, before admission): the
    // error handler then closes the connection after answering, so the rest is neither
    // received nor drained.
    const { feed, length, sha256, slot } = await admit(ctx);
    try {
      sendContinue(ctx);
      const spooled = await spoolVerified(ctx.req, o.limits.spoolDir, { length, sha256 });
      try {
        const result = await o.apply(spooled.path, feed);
        ctx.status = 202;
        ctx.body = result;
      } finally {
        await spooled.remove();
      }
    } finally {
      await slot.release();
    }
  });
}
