/** City statistics (SPEC C9): daily counters kept by the features that make the things counted,
 * active people, and the routes that read them. */
export { createActivity, type Activity } from './activity';
export { gridFigures, type GridCensus } from './gridCompletion';
export { count, markActive, METRICS, type ActiveMark, type Metric, type Queryable, type Tally } from './counters';
export { STATS_ACTIONS, statsPolicy, type StatsAction, type StatsResources } from './policy';
export { ACTIVE_DAYS_KEPT, deleteOldActivePeople, scheduleStatsRetention } from './retention';
export { statsRoutes } from './routes';
export { createStatsRepo, type StatsRepo } from './statsRepo';
export { createStatsService, type StatsService } from './statsService';
