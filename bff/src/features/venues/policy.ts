/**
 * Who may do what to places. Operators (and admins) keep the registry; a place's own staff may
 * also show its rotating code and print its poster, which carry the place code. Every rule here
 * is decided from the request (the place id is in the path), so routes.ts asks it in the chain.
 */
import { holds, holdsFor, isAdmin, type Actor } from '../../policy/actor';
import { definePolicy } from '../../policy/policy';

/** The resource each action is on. */
export type VenueResources = {
  listVenues: null;
  createVenue: null;
  importVenues: null;
  updateVenue: { venueId: string };
  showRotatingCode: { venueId: string };
  printPoster: { venueId: string };
};
export type VenueAction = keyof VenueResources;

const operator = (actor: Actor) => isAdmin(actor) || holds(actor, 'operator');
const placeStaff = (actor: Actor, place: { venueId: string }) => operator(actor) || holdsFor(actor, 'venue-staff', place.venueId);

export const venuesPolicy = definePolicy<VenueResources>({
  // The whole registry, as an operator's grant is city-wide (the operator pages' list).
  listVenues: operator,
  createVenue: operator,
  importVenues: operator,
  // Any place: an operator's grant is city-wide.
  updateVenue: operator,
  showRotatingCode: placeStaff,
  printPoster: placeStaff,
});

export const VENUE_ACTIONS = venuesPolicy.actions;
