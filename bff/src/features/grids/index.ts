/** Grids (district → street → community) and the community workers' view of their residents. */
export { createGridAssignment, type GridAssignment } from './assignment';
export { createGridCensus } from './census';
export { createGridDirectory, type GridDirectory, type GridImportResult } from './gridDirectory';
export { createGridsRepo, type GridsRepo } from './gridsRepo';
export { createPersonGridsRepo, type PersonGridsRepo } from './personGridsRepo';
export { coveringGrid, GRID_ACTIONS, gridsPolicy, hasDashboard, workerGrids, type GridAction, type GridResources } from './policy';
export { createResidentService, type PendingConversions, type ResidentService } from './residentService';
export { gridRoutes } from './routes';
