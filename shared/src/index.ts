/** Pure code shared by the BFF and the mini-program. No I/O, no clocks: pass `now` in. */
export * from './errors';
export * from './roles';
export * from './idNumber';
export * from './locale';
export * from './mask';
export * from './name';
export * from './phone';
export * from './time';
export * from './days';
// Contract types only: the zod schemas themselves are imported from
// '@yima/shared/contracts/*' by the BFF, so the mini-program bundle does not carry zod.
export type * from './contracts/auth';
export type * from './contracts/identity';
export * from './realName';
export * from './base44';
export * from './checkinOptions';
export * from './checkinRules';
export * from './colourTransitions';
export * from './codeToken';
export * from './color';
export * from './reasons';
export type * from './contracts/checkin';
export * from './mergePolicy';
export * from './markReasons';
export * from './grids';
export * from './conversions';
export * from './privacy';
export * from './healthRecords';
export type * from './contracts/conversions';
export type * from './contracts/grids';
export type * from './contracts/merge';
export * from './relatives';
export type * from './contracts/dependents';
export type * from './contracts/venues';
export type * from './contracts/stats';
export type * from './contracts/healthFeeds';
export type * from './contracts/grants';
// Every response type (CodeAnswer, Place, VisitAnswer…), inferred from the response schemas.
export type * from './contracts/responses/index';
