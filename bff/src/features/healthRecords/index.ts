/** Nucleic-acid results and vaccinations as people read them (decision 0026); the feeds that
 * write them are features/healthFeeds. */
export { createHealthRecordsRepo, type HealthRecordsRepo } from './healthRecordsRepo';
export { codeHealthFields } from './codeFields';
export { healthRecordRoutes } from './routes';
export { createTestRequirementCheck, type TestRequirementCheck } from './testRequirement';
