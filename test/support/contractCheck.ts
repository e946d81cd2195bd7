/**
 * Checks every answer of an app under test against the route contract table
 * (shared/src/contracts/routes.ts): the status is one the route declares, a JSON body matches
 * that status's schema, an error body is `{"error":{code,message}}` with a code the route
 * declares for that status, a 429 says when to retry, a non-JSON answer has its media type.
 *
 * testApp.ts installs it as the outermost middleware of every app the integration suite
 * starts, so the whole suite checks the contract. A middleware cannot fail a test by itself
 * (the client may well expect the very status it got), so it records violations, and
 * contractSetup.ts fails the running test with them after it ends.
 */
import type { Middleware } from 'koa';
import type { z } from 'zod';
import { errorBody } from '@yima/shared/contracts/responses/common';
import { errorsOf, routeKey, type RouteContract } from '@yima/shared/contracts/routeTypes';

const violations: string[] = [];

/** The violations recorded since the last call, emptied. */
export function takeContractViolations(): string[] {
  return violations.splice(0);
}

export interface RouteMatcher {
  match(method: string, path: string): RouteContract | undefined;
}

/** Matches as @koa/router does by default: case-insensitive, a trailing slash allowed, a
 * parameter being one path segment; literal routes before parametrised ones
 * (`/api/venues/import` before `/api/venues/:id`). */
export function routeMatcher(routes: readonly RouteContract[]): RouteMatcher {
  const compiled = routes
    .map((route) => {
      const source = route.path
        .split('/')
        .map((part) => (part.startsWith(':') ? '[^/]+' : part.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')))
        .join('/');
      return { route, re: new RegExp(`^${source}/?$`, 'i'), params: route.path.split(':').length - 1 };
    })
    .sort((a, b) => a.params - b.params);
  return {
    match: (method, path) => compiled.find((c) => c.route.method === method && c.re.test(path))?.route,
  };
}

const describeIssues = (error: z.ZodError) =>
  error.issues
    .slice(0, 5)
    .map((i) => `${i.path.join('.') || '(body)'}: ${i.message}`)
    .join('; ');

const preview = (body: unknown) => {
  const text = JSON.stringify(body) ?? String(body);
  return text.length > 300 ? `${text.slice(0, 300)}…` : text;
};

/** The answer's JSON, whether a handler set an object or JSON text (the code routes do). */
function jsonOf(body: unknown, type: string): { json: unknown } | null {
  if (!/json/.test(type)) return null;
  if (typeof body === 'string') return { json: JSON.parse(body) };
  if (Buffer.isBuffer(body) || (body !== null && typeof body === 'object' && 'pipe' in body)) return null;
  return { json: body };
}

/** The problems of one answer, as sentences; empty when it keeps the contract. */
export function checkAnswer(route: RouteContract | undefined, answer: { status: number; type: string; body: unknown; retryAfter: string }): string[] {
  const { status, type, body } = answer;
  const json = jsonOf(body, type);
  if (!route) {
    if (status < 400) return [`answered ${status} on a route the contract does not list`];
    const parsed = errorBody.safeParse(json?.json);
    return parsed.success ? [] : [`error body: ${describeIssues(parsed.error)} in ${preview(json?.json ?? body)}`];
  }
  const declared = route.responses[status];
  if (declared) {
    if (status === 204) return body === null || body === undefined ? [] : [`204 with a body ${preview(body)}`];
    if (declared.mediaType) return type === declared.mediaType ? [] : [`${status} is ${declared.mediaType}, answered ${type || 'no type'}`];
    if (!declared.schema) return [];
    if (!json) return [`${status} should be JSON, answered ${type || 'no type'}`];
    const parsed = declared.schema.safeParse(json.json);
    return parsed.success ? [] : [`${status} body: ${describeIssues(parsed.error)} in ${preview(json.json)}`];
  }
  if (status < 400) return [`status ${status} is not declared (declared: ${Object.keys(route.responses).join(', ')})`];
  const parsed = errorBody.safeParse(json?.json);
  if (!parsed.success) return [`${status} error body: ${describeIssues(parsed.error)} in ${preview(json?.json ?? body)}`];
  const { code, retryAfterSeconds } = parsed.data.error;
  const problems: string[] = [];
  if (!errorsOf(route)[status]?.includes(code)) problems.push(`${status} ${code} is not declared for this route`);
  if (status === 429 && (retryAfterSeconds === undefined || answer.retryAfter !== String(retryAfterSeconds))) {
    problems.push(`429 ${code} without matching retryAfterSeconds and Retry-After (${retryAfterSeconds}, ${answer.retryAfter || 'none'})`);
  }
  return problems;
}

export function contractCheck(routes: readonly RouteContract[]): Middleware {
  const matcher = routeMatcher(routes);
  return async (ctx, next) => {
    await next();
    // OPTIONS is answered by the router for every route (the Allow header); HEAD is a GET
    // whose body Koa drops.
    if (ctx.method === 'OPTIONS' || ctx.method === 'HEAD') return;
    const route = matcher.match(ctx.method, ctx.path);
    const problems = checkAnswer(route, { status: ctx.status, type: ctx.type, body: ctx.body, retryAfter: ctx.response.get('Retry-After') });
    for (const problem of problems) violations.push(`${route ? routeKey(route) : `${ctx.method} ${ctx.path} (no route)`}: ${problem}`);
  };
}
