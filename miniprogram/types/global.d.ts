/// <reference types="@tarojs/taro" />

declare module '*.png';
declare module '*.svg';
declare module '*.css';

/** The BFF's base URL, fixed at build time (config/index.ts). */
declare const YIMA_API_BASE: string;

declare namespace NodeJS {
  interface ProcessEnv {
    NODE_ENV: 'development' | 'production';
    TARO_ENV: 'weapp' | 'alipay' | 'h5';
    TARO_APP_ID: string;
  }
}
