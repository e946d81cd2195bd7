/**
 * The session of the code-state routes (the code page, its long poll, visits, scans): the
 * bearer's session and the user's cached code state, resolved once, here. On a warm
 * process both come from memory synchronously and this adds no wait to the busiest route;
 * otherwise they come from Redis in one MGET (codeService.resolve).
 */
import type { Middleware } from 'koa';
import { bearerOf, loggedOut } from '../../http/session';
import type { CodeState } from '../personState';
import type { CodeService } from './codeService';

export interface CodeSessionState {
  /** The logged-in user's code state; `userId` is the session's user. */
  codeState: CodeState;
}

export function codeSession(code: Pick<CodeService, 'resolve'>): Middleware<CodeSessionState> {
  return (ctx, next) => {
    const bearer = bearerOf(ctx.get('Authorization'));
    if (!bearer) throw loggedOut();
    const found = code.resolve(bearer);
    if (!(found instanceof Promise)) {
      ctx.state.codeState = found;
      return next();
    }
    return found.then((state) => {
      ctx.state.codeState = state;
      return next();
    });
  };
}
