/** Authority marks: set and lift, by district. */
export { createMarksRepo, type MarkRow, type MarksRepo } from './marksRepo';
export { createMarkService } from './markService';
export { authorityDistricts, coveringDistrict, MARK_ACTIONS, marksPolicy, type MarkAction, type MarkResources } from './policy';
export { markRoutes } from './routes';
