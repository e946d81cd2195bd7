/** `Authorization: Bearer <token>` → ctx.state.session, or 401 UNAUTHENTICATED. */
import type { Middleware } from 'koa';
import { unauthorized } from './errors';
import type { Session, SessionStore } from '../features/auth';

export type { SessionStore };

export interface SessionState {
  session: Session;
}

export function requireSession(sessions: SessionStore): Middleware<SessionState> {
  return async (ctx, next) => {
    const match = /^Bearer (\S+)$/.exec(ctx.get('Authorization'));
    const session = match ? await sessions.resolve(match[1]) : null;
    if (!session) throw unauthorized('UNAUTHENTICATED', 'log in first: the session is missing, expired or revoked');
    ctx.state.session = session;
    await next();
  };
}
