/**
 * The one router every feature adds its routes to. Its state type lists what middleware may
 * put on ctx.state: `session` exists only on routes behind requireSession, `grants` only
 * behind requireRole — each route shows its chain, so read it before using them.
 */
import Router from '@koa/router';
import type { RoleGrant } from '@yima/shared';
import type { Session } from './session';

export interface AppState {
  reqId: string;
  session: Session;
  grants: RoleGrant[];
}

export type AppRouter = Router<AppState>;

export const createRouter = (): AppRouter => new Router<AppState>();
