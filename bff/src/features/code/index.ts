/** The personal code page: its cached state, the signed token, change notifications. */
export { createChangeWaiters } from './changeWaiters';
export { createCodeService, type CodeService } from './codeService';
export { codeSession, type CodeSessionState } from './codeSession';
export { explainMerge, type CodeExplanation } from './explanation';
export { createHotCache } from './hotCache';
export { createIssuedTokens, tokenDigest, type IssuedTokens } from './issuedTokens';
export { codeRoutes, markDegraded } from './routes';
export { createTokenCache } from './tokenCache';
