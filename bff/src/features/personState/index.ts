/**
 * "Person state": a person's sources, their one evaluate-and-merge, the colour history that
 * follows it, and the cached code state built from them. Features that write a source
 * (check-ins, marks, the provincial feed) call `settle`; readers of a colour call
 * `evaluate` (through the cached state or `mergedFor`).
 */
export { createAuditService, type AuditService } from './auditService';
export { codeStateOf, createCodeStateStore, type CodeState, type CodeStateStore } from './codeState';
export { createDriftSettler, type DriftSettler } from './driftSettler';
export { createHistoryRepo, type HistoryRepo } from './historyRepo';
export { evaluate, historyEntryFor, worsened, type Evaluation, type StoredHold } from './merge';
export { createPersonStates, type PersonStates } from './personStates';
export { createRecordViewsRepo, type RecordView, type RecordViewsRepo } from './recordViewsRepo';
export { authorityActor, createPersonSources, storedSources, type PersonSources, type ProvincialSource, type StoredSource } from './sources';
