/** Paper codes: issue, print, verify, revoke. */
export { createPaperCodesRepo, type PaperCodesRepo } from './paperCodesRepo';
export { createPaperCodeService, type PaperCodeService } from './paperCodeService';
export { PAPER_CODE_ACTIONS, paperCodesPolicy, type PaperCodeAction, type PaperCodeResources } from './policy';
export { paperCodeRoutes } from './routes';
export { createVerifierAccess } from './verifierAccess';
