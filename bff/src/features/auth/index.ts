/** Login: SMS codes, simple login, WeChat/Alipay identities, sessions and their limits. */
export { authRoutes } from './routes';
export { createAuthLimiters } from './limits';
export { createLinkTicketStore } from './linkTickets';
export { createLoginService, type LoginService } from './loginService';
export { createPlatformIdentitiesRepo } from './platformIdentitiesRepo';
export { createSessionStore, hashToken, type Session, type SessionPrefetch, type SessionStore, type TokenRef } from './sessions';
export { createSmsCodeStore } from './smsCodes';
