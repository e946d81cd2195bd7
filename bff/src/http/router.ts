/**
 * The one router every feature adds its routes to. Its state type lists what middleware may
 * put on ctx.state: `session` exists only on routes behind a session, `actor` only behind
 * `access.can` — each route shows its chain, so read it before using them.
 */
import Router from '@koa/router';
import type { Middleware } from 'koa';
import type { Actor } from '../policy/actor';
import type { Session } from './session';

export interface AppState {
  reqId: string;
  session: Session;
  actor: Actor;
}

export type AppRouter = Router<AppState>;

export const createRouter = (): AppRouter => new Router<AppState>();

type Dispatch = (ctx: Parameters<Middleware>[0], next: () => Promise<unknown>) => Promise<unknown>;

/** Runs a route's middleware in order, as @koa/router's compose would. */
function run(stack: readonly Dispatch[], ctx: Parameters<Middleware>[0], next: () => Promise<unknown>): Promise<unknown> {
  const step = (i: number): Promise<unknown> => (i === stack.length ? next() : stack[i](ctx, () => step(i + 1)));
  return step(0);
}

/**
 * The router as app middleware. @koa/router tests every route's pattern on every request and
 * composes the matched chain anew each time (~14 µs of CPU per code request on this machine,
 * docs/decisions/0016-one-route-table.md); a request whose path is exactly a route without
 * parameters — the code page, scans — is instead found in a map built from the router's own
 * registrations, and gets what the router would give it (`_matchedRoute`, `matched`, empty
 * params). Only a path no other route matches is indexed; everything else goes to the router.
 * Built at the first request, when every feature has registered its routes.
 */
export function routerMiddleware(router: AppRouter): Middleware {
  const dispatch = router.routes() as unknown as Middleware;
  let exact: Map<string, Middleware> | undefined;
  return (ctx, next) => {
    exact ??= exactIndex(router);
    const hit = exact.get(`${ctx.method} ${ctx.path}`);
    return hit ? hit(ctx, next) : dispatch(ctx, next);
  };
}

function exactIndex(router: AppRouter): Map<string, Middleware> {
  const index = new Map<string, Middleware>();
  for (const layer of router.stack) {
    if (layer.paramNames.length > 0 || typeof layer.path !== 'string') continue;
    const path = layer.path;
    const stack = layer.stack as unknown as Dispatch[];
    for (const method of layer.methods) {
      const found = router.match(path, method);
      if (found.pathAndMethod.length !== 1 || found.pathAndMethod[0] !== layer) continue;
      const matched = found.path;
      index.set(`${method} ${path}`, (ctx, next) => {
        const routed = ctx as unknown as Record<string, unknown>;
        routed.matched = matched;
        routed.routeMatched = true;
        routed.router = router;
        routed._matchedRoute = path;
        routed.routerPath = path;
        routed.captures = [];
        routed.params = {};
        (ctx.request as unknown as Record<string, unknown>).params = routed.params;
        return run(stack, ctx, next);
      });
    }
  }
  return index;
}
