/** Paper codes: issue, print, verify, revoke. */
export { createPaperCodesRepo, type PaperCodesRepo } from './paperCodesRepo';
export { createPaperCodeService, type PaperCodeService } from './paperCodeService';
export { paperCodeRoutes } from './routes';
export { createVerifierAccess } from './verifierAccess';
