/** GET /healthz: 200 when MySQL and Redis both answer, 503 naming the one that does not. */
import type { Access } from '../../http/access';
import type { AppRouter } from '../../http/router';
import type { Redis } from 'ioredis';
import type { Db } from '../../db/pool';

export function healthRoutes(router: AppRouter, access: Access, db: Db, redis: Redis): void {
  router.get('/healthz', access.anyone(), async (ctx) => {
    const [mysql, redisOk] = await Promise.all([
      db.query('SELECT 1').then(
        () => true,
        () => false,
      ),
      redis.ping().then(
        (r) => r === 'PONG',
        () => false,
      ),
    ]);
    ctx.status = mysql && redisOk ? 200 : 503;
    ctx.body = { status: ctx.status === 200 ? 'ok' : 'degraded', mysql: mysql ? 'up' : 'down', redis: redisOk ? 'up' : 'down' };
  });
}
