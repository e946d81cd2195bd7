import type { IncomingMessage, ServerResponse } from 'node:http';
import Koa from 'koa';
import { describe, expect, it } from 'vitest';
import { isJsonType } from './jsonBody';

/** The general answer: Koa's own `ctx.is('json')` for a request with a body of this type. */
const general = (type: string) => {
  const req = { method: 'POST', url: '/', headers: { 'content-type': type, 'content-length': '2' } } as unknown as IncomingMessage;
  return Boolean(new Koa().createContext(req, {} as ServerResponse).is('json'));
};

describe('isJsonType', () => {
  it.each([
    'application/json',
    'application/json; charset=utf-8',
    'application/json;charset=utf-8',
    'application/json; charset=UTF-8',
    'Application/JSON',
    'application/merge-patch+json',
    'application/jsonx',
    'application/json;garbage',
    'text/plain',
    'application/x-www-form-urlencoded',
  ])('when the Content-Type is %s, then the quick check answers as type-is does', (type) => {
    // A context with only what isJsonType reads; `is` always the general answer, so a quick
    // answer that disagreed with it would show.
    const ctx = { req: { headers: { 'content-type': type } }, is: () => general(type) };
    expect(isJsonType(ctx as never)).toBe(general(type));
  });

  it('when the Content-Type is the plain JSON one, then the quick check answers without asking type-is', () => {
    let asked = false;
    const ctx = { req: { headers: { 'content-type': 'application/json' } }, is: () => ((asked = true), false) };
    expect(isJsonType(ctx as never)).toBe(true);
    expect(asked).toBe(false);
  });
});
