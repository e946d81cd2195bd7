/** Visits (a resident scans a place) and scans (staff scan a person), and their log. */
export { VISIT_ACTIONS, visitsPolicy, type VisitAction, type VisitResources } from './policy';
export { deleteOldVisits, scheduleRetention } from './retention';
export { visitRoutes } from './routes';
export { createScanService, type ScanService } from './scanService';
export { createShiftRecord, SHIFT_LIST_CAP, type ShiftRecord } from './shift';
export { createUnregisteredVisits, type UnregisteredVisits } from './unregisteredVisits';
export { clusterReplicaAck, connectedReplicas, createStreamAppender, replicaAck, type StreamAppender, type VisitAckMode } from './durableAck';
export { createVisitLog, type VisitStreamKeys } from './visitLog';
export { startDrainerThread, type DrainerSettings, type DrainerThread } from './drainerThread';
export { createVisitService, type VisitService } from './visitService';
