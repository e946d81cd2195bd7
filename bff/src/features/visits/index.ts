/** Visits (a resident scans a place) and scans (staff scan a person), and their log. */
export { deleteOldVisits, scheduleRetention } from './retention';
export { visitRoutes } from './routes';
export { createScanService, type ScanService } from './scanService';
export { createVisitLog } from './visitLog';
export { createVisitService, type VisitService } from './visitService';
