/**
 * Who may see a grid's residents (SPEC C8): a community worker for the grids they are granted
 * and every grid beneath them (`gridCovers`: a street's worker covers its communities), an
 * admin for any. The grid is in the path, so the route chain asks; the person's own grid is
 * checked by the service against the same path grid (residentService), so a worker never
 * reaches a person outside their grant. docs/decisions/0019.
 */
import { gridCovers } from '@yima/shared';
import { isAdmin, scopesOf, type Actor } from '../../policy/actor';
import { definePolicy } from '../../policy/policy';

/** `grid`: the grid the request names (its path). */
export type GridResources = {
  listResidents: { grid: string };
  viewResident: { grid: string };
};
export type GridAction = keyof GridResources;

/** The grids this actor is a community worker of, in grant order. */
export const workerGrids = (actor: Actor): string[] => scopesOf(actor, 'community-worker');

/** The grids whose dashboard the actor opens: an admin's are the city's (its districts, from
 * which every grid opens), a community worker's those granted; none for everyone else. */
export const dashboardGrids = (actor: Actor): 'city' | string[] => (isAdmin(actor) ? 'city' : workerGrids(actor));

/** Whether the actor has a dashboard at all (the home page's tile). */
export const hasDashboard = (actor: Actor): boolean => isAdmin(actor) || workerGrids(actor).length > 0;

/** The first of the actor's grids that covers `grid` (the one they act for), if any. */
export const coveringGrid = (actor: Actor, grid: string): string | undefined => workerGrids(actor).find((held) => gridCovers(held, grid));

const worksFor = (actor: Actor, on: { grid: string }) => isAdmin(actor) || coveringGrid(actor, on.grid) !== undefined;

export const gridsPolicy = definePolicy<GridResources>({
  listResidents: worksFor,
  viewResident: worksFor,
});

export const GRID_ACTIONS = gridsPolicy.actions;
