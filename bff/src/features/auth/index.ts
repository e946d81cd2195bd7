/** Login: SMS codes, simple login, WeChat/Alipay identities, sessions and their limits. */
export { authRoutes } from './routes';
export { createAuthLimiters, consumeAll, refund, type LimitStep } from './limits';
export { createLinkTicketStore } from './linkTickets';
export { createLoginService, type LoginService } from './loginService';
export { createPlatformIdentitiesRepo } from './platformIdentitiesRepo';
export { createSessionStore, hashToken, isToken, userIdOf, type Session, type SessionStore } from './sessions';
export { createSmsCodeStore } from './smsCodes';
