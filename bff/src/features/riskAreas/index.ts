/** Risk areas: the list operators keep, cached in memory for the check-in rules. */
export { createRiskAreaCache, type RiskAreaCache } from './riskAreaCache';
export { createRiskAreasRepo } from './riskAreasRepo';
export { riskAreaRoutes } from './routes';
