/**
 * GET /healthz (liveness) and GET /readyz (readiness), docs/decisions/0027.
 *
 * Liveness asks no store: an orchestrator restarts a process whose liveness fails, and a
 * stalled MariaDB or Redis is not cured by restarting every BFF at once. Readiness asks both
 * stores at once, each bounded by its own deadline, so it answers within 1 s even while one
 * stalls, and names which one is `down` (refused, failed) or `slow` (no answer in time).
 */
import type { RedisClient } from '../../redis';
import type { Access } from '../../http/access';
import type { AppRouter } from '../../http/router';
import type { Db } from '../../db/pool';
import { isDependencyTimeout } from '../../deadlines';

/** Each store's check; both run at once, so the answer comes well within 1 s. */
export const READY_CHECK_MS = 400;

type StoreState = 'up' | 'down' | 'slow';

/** `check` settled within `ms`: up or down (a deadline error counts as slow); else slow. */
async function within(check: Promise<boolean>, ms: number): Promise<StoreState> {
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<StoreState>((resolve) => (timer = setTimeout(() => resolve('slow'), ms)));
  const answer = check.then(
    (ok): StoreState => (ok ? 'up' : 'down'),
    (err: unknown): StoreState => (isDependencyTimeout(err) ? 'slow' : 'down'),
  );
  try {
    return await Promise.race([answer, late]);
  } finally {
    clearTimeout(timer);
  }
}

export function healthRoutes(router: AppRouter, access: Access, db: Db, redis: RedisClient, stopping: () => boolean = () => false): void {
  // The pool's deadline machinery closes a connection whose SELECT 1 came too late.
  const probeDb = db.withDeadline(READY_CHECK_MS);
  router.get('/healthz', access.anyone(), (ctx) => {
    ctx.body = { status: 'ok' };
  });
  router.get('/readyz', access.anyone(), async (ctx) => {
    // Shutting down (shutdown.ts): not ready, whatever the stores say, so a balancer drains us.
    if (stopping()) {
      ctx.status = 503;
      ctx.set('Cache-Control', 'no-store');
      ctx.body = { status: 'stopping' };
      return;
    }
    const [mysql, redisState] = await Promise.all([
      within(
        probeDb.query('SELECT 1').then(() => true),
        READY_CHECK_MS,
      ),
      within(
        redis.ping().then((r) => r === 'PONG'),
        READY_CHECK_MS,
      ),
    ]);
    const ready = mysql === 'up' && redisState === 'up';
    ctx.status = ready ? 200 : 503;
    ctx.set('Cache-Control', 'no-store');
    ctx.body = { status: ready ? 'ready' : 'unready', mysql, redis: redisState };
  });
}
