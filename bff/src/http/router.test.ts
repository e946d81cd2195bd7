import { describe, expect, it } from 'vitest';
import Koa, { type Middleware } from 'koa';
import type { AddressInfo } from 'node:net';
import { createRouter, paramIndex, routerMiddleware, type AppRouter } from './router';

/** A router with overlapping routes: literals beside parameters, a router-level middleware on a
 * prefix, a route with a non-plain pattern, and two routes of one path. */
function routes(): AppRouter {
  const router = createRouter();
  const answer =
    (name: string): Middleware =>
    (ctx) => {
      const c = ctx as unknown as Record<string, unknown>;
      ctx.body = {
        name,
        params: ctx.params,
        requestParams: (ctx.request as unknown as { params: unknown }).params,
        captures: c.captures,
        matched: (c.matched as { path: string }[]).map((l) => l.path),
        matchedRoute: c._matchedRoute,
        routerPath: c.routerPath,
        routerName: c.routerName ?? null,
        matchedRouteName: c._matchedRouteName ?? null,
        routeMatched: c.routeMatched,
        seen: ctx.state.seen ?? null,
      };
    };
  router.get('/api/venues/import', answer('import'));
  router.get('/api/venues/:id', answer('venue'));
  router.patch('/api/venues/:id', answer('patch venue'));
  router.post('/api/venues/:id/visits', answer('visit'));
  router.get('named', '/api/people/:personId/relatives/:relId', answer('relative'));
  router.get('/api/files/:name{.:ext}', answer('file'));
  router.use('/api/admin', async (ctx, next) => {
    (ctx.state as unknown as Record<string, string>).seen = 'admin middleware';
    await next();
  });
  router.get('/api/admin/:thing', answer('admin'));
  router.get('/api/twice/:x', answer('first'));
  router.get('/api/twice/:y', answer('second'));
  return router;
}

async function serve(middleware: (router: AppRouter) => Middleware): Promise<{ url: string; close: () => void }> {
  const router = routes();
  const app = new Koa();
  app.use(middleware(router)).use(router.allowedMethods());
  const server = app.listen(0, '127.0.0.1');
  await new Promise((resolve) => server.once('listening', resolve));
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, close: () => server.close() };
}

describe('routerMiddleware', () => {
  it('when a path has parameters, then it routes exactly as @koa/router does (same handler, params, matched layers, status)', async () => {
    const ours = await serve(routerMiddleware);
    const theirs = await serve((router) => router.routes() as unknown as Middleware);
    try {
      const requests: [string, string][] = [
        ['GET', '/api/venues/import'],
        ['GET', '/api/venues/12'],
        ['GET', '/API/Venues/12'],
        ['PATCH', '/api/venues/12'],
        ['DELETE', '/api/venues/12'],
        ['POST', '/api/venues/12/visits'],
        ['POST', '/api/venues/12/visits/'],
        ['GET', '/api/venues/12/visits'],
        ['POST', '/api/venues/%E4%B8%AD/visits'],
        ['POST', '/api/venues//visits'],
        ['GET', '/api/people/7/relatives/9'],
        ['GET', '/api/files/report.csv'],
        ['GET', '/api/files/report'],
        ['GET', '/api/admin/x'],
        ['GET', '/api/twice/1'],
        ['GET', '/api/nowhere/1'],
      ];
      for (const [method, path] of requests) {
        const [a, b] = await Promise.all([ours, theirs].map((s) => fetch(`${s.url}${path}`, { method })));
        const [ta, tb] = await Promise.all([a.text(), b.text()]);
        expect({ method, path, status: a.status, body: ta }).toEqual({ method, path, status: b.status, body: tb });
      }
    } finally {
      ours.close();
      theirs.close();
    }
  });

  it('when exactly one route matches a path with parameters and takes the method, then the segment tree finds it; otherwise the router decides', () => {
    const find = paramIndex(routes());
    const ctx = (method: string, path: string) => ({ method, path, request: {}, state: {} }) as never;
    expect(find(ctx('POST', '/api/venues/12/visits'))?.path).toBe('/api/venues/:id/visits');
    expect(find(ctx('GET', '/api/people/7/relatives/9'))?.name).toBe('named');
    expect(find(ctx('GET', '/api/venues/12/visits'))).toBeUndefined(); // 405
    expect(find(ctx('GET', '/api/venues/import'))).toBeUndefined(); // :id matches too
    expect(find(ctx('GET', '/api/twice/1'))).toBeUndefined();
    expect(find(ctx('GET', '/api/admin/x'))).toBeUndefined(); // the prefix middleware too
  });
});
