/** Places: registry, CSV import, posters, rotating codes. */
export { placeTokenValid } from './rotatingCode';
export { SCANS_PATH, scansHandler, VENUE_IMPORT_PATH, VISIT_PATH, venueRoutes, visitHandler } from './routes';
export { createVenueService } from './venueService';
export { createVenuesRepo, type VenueRow, type VenuesRepo } from './venuesRepo';
