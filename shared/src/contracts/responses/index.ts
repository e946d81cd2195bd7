/** Every response contract, by module. The route table (../routes.ts) says which answers which. */
export * from './common';
export * from './auth';
export * from './code';
export * from './merge';
export * from './dependents';
export * from './venues';
export * from './stats';
export * from './service';
export * from './grids';
export * from './conversions';
export * from './grants';
export * from './healthRecords';
