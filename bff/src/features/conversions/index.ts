/** Conversion requests (转码申请): filed by a person or their filer, decided by a grid's
 * community workers or a district's authority (docs/decisions/0022). */
export { createConversionService, latestOf, viewOf, type ConversionService } from './conversionService';
export { createConversionsRepo, type ConversionsRepo } from './conversionsRepo';
export { CONVERSION_ACTIONS, conversionsPolicy, type ConversionAction, type ConversionResources } from './policy';
export { conversionRoutes, type ConversionPeople } from './routes';
