/** Authority marks: set and lift, by district. */
export { createMarksRepo, type MarkRow, type MarksRepo } from './marksRepo';
export { createMarkService } from './markService';
export { markRoutes } from './routes';
