/** The provincial feed: signed NDJSON batches, spooled and applied. */
export { batchLines, generatedIdNumber } from './batchGenerator';
export { feedHeaders, fileDigest, signBody } from './feedAuth';
export { createIngest } from './ingest';
export { createProvincialRepo, type ProvincialRepo, type ProvincialState } from './provincialRepo';
export { PROVINCIAL_BATCH_PATH, provincialRoutes } from './routes';
export { createUploadGuard } from './uploadGuard';
