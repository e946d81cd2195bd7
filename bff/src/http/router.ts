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

/** Runs a route's middleware in order, as @koa/router's compose would. A module-level step
 * rather than a closure named per request: the BFF runs under tsx, which wraps every named
 * function expression in a `__name` call (a defineProperty per request). */
function run(stack: readonly Dispatch[], ctx: Parameters<Middleware>[0], next: () => Promise<unknown>, i = 0): Promise<unknown> {
  return i === stack.length ? next() : stack[i](ctx, () => run(stack, ctx, next, i + 1));
}

/**
 * The router as app middleware. @koa/router tests every route's pattern on every request and
 * composes the matched chain anew each time (~14 µs of CPU per code request on this machine,
 * docs/decisions/0016-one-route-table.md); a request whose path is exactly a route without
 * parameters — the code page, scans — is instead found in a map built from the router's own
 * registrations, and gets what the router would give it (`_matchedRoute`, `matched`, empty
 * params). Only a path no other route matches is indexed; everything else goes to the router.
 * A path with parameters (a resident's visit, `/api/venues/:id/visits`) is found through a
 * segment tree instead (paramIndex): the router's regexp match over every route was ~6 % of a
 * visit's CPU. Built at the first request, when every feature has registered its routes.
 */
export function routerMiddleware(router: AppRouter): Middleware {
  const dispatch = router.routes() as unknown as Middleware;
  let exact: Map<string, Middleware> | undefined;
  let byParams: ReturnType<typeof paramIndex> | undefined;
  return (ctx, next) => {
    exact ??= exactIndex(router);
    const hit = exact.get(`${ctx.method} ${ctx.path}`);
    if (hit) return hit(ctx, next);
    byParams ??= paramIndex(router);
    const layer = byParams(ctx);
    return layer ? run(layer.stack as unknown as Dispatch[], ctx, next) : dispatch(ctx, next);
  };
}

/** What the router sets on a context it routes to one layer (its dispatch and the chain's
 * first step), for a layer found here instead. */
function route(ctx: Parameters<Middleware>[0], router: AppRouter, layer: Layer, matched: Layer[], params: Record<string, string>): void {
  const routed = ctx as unknown as Record<string, unknown>;
  routed.matched = matched;
  routed.routeMatched = true;
  routed.router = router;
  routed._matchedRoute = layer.path;
  routed.routerPath = layer.path;
  routed.routerName = layer.name || undefined;
  if (layer.name) routed._matchedRouteName = layer.name;
  routed.params = params;
  (ctx.request as unknown as Record<string, unknown>).params = params;
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
        route(ctx, router, layer, matched, {});
        (ctx as unknown as Record<string, unknown>).captures = [];
        return run(stack, ctx, next);
      });
    }
  }
  return index;
}

type Layer = AppRouter['stack'][number];

/** A node of the segment tree: literal segments (lower-cased: the router's patterns ignore
 * case), one `:param` branch, and the layers whose pattern ends here. */
interface SegmentNode {
  literal: Map<string, SegmentNode>;
  param?: SegmentNode;
  layers: Layer[];
}
const node = (): SegmentNode => ({ literal: new Map(), layers: [] });
/** A whole-segment parameter (`:id`); anything else with pattern syntax is left to regexps. */
const PARAM = /^:[A-Za-z_$][\w$]*$/;
const SYNTAX = /[:*?+!(){}[\]\\]/;

/**
 * Finds the layers a path with parameters matches without testing every layer's regexp. Each
 * layer whose pattern is plain segments (literals and whole-segment `:params`) goes into a
 * segment tree; any other (a prefix mount, a wildcard, an optional part) is tested by its
 * regexp on every request, as the router does. The tree only proposes candidates: each is
 * still confirmed by its own regexp, and they are taken in registration order, so the result
 * is the router's `match`. When exactly one layer matches the path and takes the method, it
 * is run as the router would run it; otherwise (405, several layers, a trailing or doubled
 * slash) the answer is undefined and the router dispatches. A layer found has been entered
 * (the context routed to it): its stack is the caller's to run.
 */
export function paramIndex(router: AppRouter) {
  const root = node();
  const always: Layer[] = [];
  const order = new Map<Layer, number>();
  router.stack.forEach((layer, i) => {
    order.set(layer, i);
    const plain = typeof layer.path === 'string' && layer.path.startsWith('/') && layer.opts.end !== false && !layer.opts.prefix && !layer.opts.sensitive;
    const segments = plain ? (layer.path as string).split('/').slice(1) : [];
    if (!plain || segments.some((s) => s === '' || (SYNTAX.test(s) && !PARAM.test(s)))) {
      always.push(layer);
      return;
    }
    let at = root;
    for (const s of segments) {
      if (PARAM.test(s)) at = at.param ??= node();
      else {
        const key = s.toLowerCase();
        let child = at.literal.get(key);
        if (!child) at.literal.set(key, (child = node()));
        at = child;
      }
    }
    at.layers.push(layer);
  });

  function collect(at: SegmentNode, segments: string[], i: number, out: Layer[]): void {
    if (i === segments.length) {
      out.push(...at.layers);
      return;
    }
    const child = at.literal.get(segments[i].toLowerCase());
    if (child) collect(child, segments, i + 1, out);
    if (at.param) collect(at.param, segments, i + 1, out);
  }

  return (ctx: Parameters<Middleware>[0]): Layer | undefined => {
    const path = ctx.path;
    if (!path.startsWith('/') || path.endsWith('/') || path.includes('//')) return undefined;
    const candidates: Layer[] = [];
    collect(root, path.split('/').slice(1), 0, candidates);
    candidates.push(...always);
    const matched = candidates.filter((l) => l.match(path)).sort((a, b) => order.get(a)! - order.get(b)!);
    const method = ctx.method;
    const withMethod = matched.filter((l) => l.methods.length === 0 || l.methods.includes(method));
    if (withMethod.length !== 1 || withMethod[0].methods.length === 0) return undefined;
    const layer = withMethod[0];
    const captures = layer.captures(path);
    const params = layer.params(path, captures, (ctx as unknown as { params?: Record<string, string> }).params) as Record<string, string>;
    route(ctx, router, layer, matched, params);
    (ctx as unknown as Record<string, unknown>).captures = captures;
    return layer;
  };
}
