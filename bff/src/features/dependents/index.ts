/** Filing for relatives: filings, attempts and their limits, proxy actions. */
export { createDependentsRepo, type DependentsRepo } from './dependentsRepo';
export { createDependentService, type DependentService } from './dependentService';
export { createFilingAttemptsRepo } from './filingAttemptsRepo';
export { createFilingLimits } from './filingLimits';
export { dependentRoutes } from './routes';
