/** Places: registry, CSV import, posters, rotating codes. */
export { VENUE_ACTIONS, venuesPolicy, type VenueAction, type VenueResources } from './policy';
export { placeTokenValid } from './rotatingCode';
export { VENUE_IMPORT_PATH, venueRoutes } from './routes';
export { createVenueService } from './venueService';
export { createVenuesRepo, newPlaceCode, type VenueRow, type VenuesRepo } from './venuesRepo';
