/** The provincial feed: signed NDJSON batches, spooled and applied. The signed batch route,
 * the line reader and the writers are the health-record feeds' too (features/healthFeeds). */
export { batchLines, generatedIdNumber, unitHash } from './batchGenerator';
export { feedLockName, signedBatchRoute } from './batchRoute';
export { forEachLine } from './chunks';
export { feedHeaders, fileDigest, signBody } from './feedAuth';
export { createIngest, MAX_REJECTED_LISTED } from './ingest';
export { contractRefusal, FUTURE_TOLERANCE_MS, MAX_LINE_BYTES, parseLineJson } from './lines';
export { createProvincialRepo, type ProvincialRepo, type ProvincialState } from './provincialRepo';
export { PROVINCIAL_BATCH_PATH, provincialRoutes } from './routes';
export { createUploadGuard, type UploadGuard } from './uploadGuard';
export { writeWhileReading } from './writers';
