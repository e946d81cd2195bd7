/**
 * Button fixes for the H5 build only: mini-programs render a native button, whose disabled
 * state is a property, not an attribute Taro's H5 stylesheet matches. buttonStyles.h5.ts
 * replaces this file in the H5 build (Taro picks the file by TARO_ENV).
 */
export {};
