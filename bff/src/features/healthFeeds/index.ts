/** The health-record feeds (decision 0026): nucleic-acid results and vaccinations, signed
 * NDJSON batches in the provincial feed's style, stored by ID-number blind index. */
export { nucleicAcidBatchLines, vaccinationBatchLines } from './batchGenerator';
export { createHealthFeedsRepo, type HealthFeedsRepo } from './healthFeedsRepo';
export { createHealthIngest, type HealthIngest } from './ingest';
export { BATCH_PATHS, HEALTH_FEED_KINDS, NUCLEIC_ACID_BATCH_PATH, VACCINATION_BATCH_PATH, type HealthFeedKind } from './kinds';
export { healthFeedRoutes } from './routes';
