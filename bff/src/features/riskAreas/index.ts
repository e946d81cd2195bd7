/** Risk areas: the list operators keep, cached in memory for the check-in rules. */
export { RISK_AREA_ACTIONS, riskAreasPolicy, type RiskAreaAction, type RiskAreaResources } from './policy';
export { createRiskAreaCache, type RiskAreaCache } from './riskAreaCache';
export { createRiskAreasRepo } from './riskAreasRepo';
export { riskAreaRoutes } from './routes';
