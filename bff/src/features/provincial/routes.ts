/**
 * POST /api/provincial/batches: the provincial feed (docs/api.md, docs/provincial-feed.md).
 * NDJSON body with Content-Length, and signed headers (feedAuth.ts), admitted and spooled by
 * the signed batch route (batchRoute.ts) before a byte of it applies. A single line is a
 * delta: the same route, applied and pushed to open code pages within a second.
 */
import type { Config } from '../../config';
import type { Access } from '../../http/access';
import type { AppRouter } from '../../http/router';
import type { Clock } from '../../clock';
import { signedBatchRoute } from './batchRoute';
import type { Ingest } from './ingest';
import type { UploadGuard } from './uploadGuard';

export const PROVINCIAL_BATCH_PATH = '/api/provincial/batches';

export function provincialRoutes(
  router: AppRouter,
  d: { access: Access; ingest: Ingest; guard: UploadGuard; clock: Clock; provincial: Config['provincial'] },
): void {
  signedBatchRoute(router, {
    path: PROVINCIAL_BATCH_PATH,
    kind: 'provincial',
    access: d.access,
    guard: d.guard,
    clock: d.clock,
    feeds: d.provincial.feeds,
    limits: d.provincial,
    apply: (path, feed) => d.ingest.ingestFile(path, feed),
  });
}
