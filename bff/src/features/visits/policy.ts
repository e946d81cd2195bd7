/**
 * Who may scan people at a place: its staff (a venue-staff grant for that place) and admins.
 * The place is in the scan's body, and POST /api/scans is the gate's busiest route, so
 * scanService asks this with the grants it caches per scanner rather than the route chain
 * reading them per request.
 */
import { holdsFor, isAdmin, scopesOf, type Actor } from '../../policy/actor';
import { definePolicy } from '../../policy/policy';

export type VisitResources = {
  /** Scan a code, or look a person up by ID number and name, at a place. */
  scan: { venueId: string };
  /** Record a visitor who is not registered (issue 13, decision 0025). */
  recordUnregistered: { venueId: string };
  /** Read the place's visits of the day, masked (the shift's record). */
  readShift: { venueId: string };
};
export type VisitAction = keyof VisitResources;

export const visitsPolicy = definePolicy<VisitResources>({
  scan: (actor, at) => isAdmin(actor) || holdsFor(actor, 'venue-staff', at.venueId),
  recordUnregistered: (actor, at) => isAdmin(actor) || holdsFor(actor, 'venue-staff', at.venueId),
  readShift: (actor, at) => isAdmin(actor) || holdsFor(actor, 'venue-staff', at.venueId),
});

export const VISIT_ACTIONS = visitsPolicy.actions;

/** The places this actor is staff of (the scanner's choice of place; an admin's city-wide
 * grant names none). */
export const staffedPlaces = (actor: Actor): string[] => scopesOf(actor, 'venue-staff');
