/** The daily check-in: submit, history, the latest check-in and what check-ins hold (the
 * hold: a declared yellow or red kept until a run of healthy days) as a source of the merge,
 * and the hook an approved conversion request calls. */
export { createCheckinsRepo, type CheckinsRepo } from './checkinsRepo';
export { createCheckinService, type AddressGrids, type CheckinService } from './checkinService';
export { afterConversion } from './conversion';
export { type HistoryCause } from './holdFold';
export { createHoldsRepo, type HoldsRepo } from './holdsRepo';
export { checkinRoutes } from './routes';
