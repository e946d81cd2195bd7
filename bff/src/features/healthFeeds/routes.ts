/**
 * POST /api/feeds/nucleic-acid/batches and POST /api/feeds/vaccination/batches (docs/health-feeds.md):
 * signed NDJSON batches, admitted and spooled by the provincial feed's signed batch route, each
 * with its own kind's feeds only (a lab's key is unknown to the vaccination route and to the
 * provincial one, and the other way round), then applied by the health ingest.
 */
import type { Config } from '../../config';
import type { Access } from '../../http/access';
import type { AppRouter } from '../../http/router';
import type { Clock } from '../../clock';
import { signedBatchRoute, type UploadGuard } from '../provincial';
import type { HealthIngest } from './ingest';
import { BATCH_PATHS, HEALTH_FEED_KINDS } from './kinds';

export function healthFeedRoutes(
  router: AppRouter,
  d: { access: Access; ingest: HealthIngest; guard: UploadGuard; clock: Clock; provincial: Config['provincial']; feeds: Config['healthFeeds'] },
): void {
  const feedsOf = { 'nucleic-acid': d.feeds.nucleicAcid, vaccination: d.feeds.vaccination };
  for (const kind of HEALTH_FEED_KINDS) {
    signedBatchRoute(router, {
      path: BATCH_PATHS[kind],
      kind,
      access: d.access,
      guard: d.guard,
      clock: d.clock,
      feeds: feedsOf[kind],
      // One spool, size limit and signature window for every feed.
      limits: d.provincial,
      apply: (path, feed) => d.ingest.ingestFile(kind, path, feed),
    });
  }
}
