/** `Authorization: Bearer <token>` → ctx.state.session, or 401 UNAUTHENTICATED. The session
 * store (features/auth) resolves tokens; this layer only knows the shape of a session. */
import { DomainError } from '@yima/shared';
import type { Middleware } from 'koa';
import type { LoginMethod } from '@yima/shared';

/** A logged-in session. The token itself is never kept: only its hash. */
export interface Session {
  userId: string;
  method: LoginMethod;
  expiresAt: string;
  tokenHash: string;
}

/** What resolves a bearer token to its session (null when missing, expired or revoked). */
export interface SessionResolver {
  resolve(token: string): Promise<Session | null>;
}

export interface SessionState {
  session: Session;
}

/** The bearer token of a request, if it carries one. */
export const bearerOf = (authorization: string): string | undefined => /^Bearer (\S+)$/.exec(authorization)?.[1];

export const loggedOut = () => new DomainError('UNAUTHENTICATED', 'log in first: the session is missing, expired or revoked');

export function requireSession(sessions: SessionResolver): Middleware<SessionState> {
  return async (ctx, next) => {
    const bearer = bearerOf(ctx.get('Authorization'));
    const session = bearer ? await sessions.resolve(bearer) : null;
    if (!session) throw loggedOut();
    ctx.state.session = session;
    await next();
  };
}
