/** The daily check-in: submit, history, and the latest check-in as a source of the merge. */
export { createCheckinsRepo, type CheckinsRepo } from './checkinsRepo';
export { createCheckinService, type AddressGrids, type CheckinService } from './checkinService';
export { checkinRoutes } from './routes';
