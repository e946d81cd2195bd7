/**
 * The paper code's print stylesheet. Mini-programs cannot print (the resident saves a
 * screenshot), so they get none; printStyles.h5.ts replaces this file in the H5 build
 * (Taro picks the file by TARO_ENV) and adds `@media print` rules WXSS has no use for.
 */
export {};
