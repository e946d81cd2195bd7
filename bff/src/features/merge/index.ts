/** A person's sources, their merge, and the colour history that follows it. */
export { createAuditService } from './auditService';
export { createDriftRecorder } from './driftRecorder';
export { createHistoryRepo, type HistoryRepo } from './historyRepo';
export { authorityActor, createPersonSources, createPersonStates, historyEntryFor, mergeWith, storedSources, toSourceState, worsened, type PersonSources, type PersonStates, type StoredSource } from './personStates';
