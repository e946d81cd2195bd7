/**
 * The parts of app.config.ts that differ by platform. Read by Taro at build time (config
 * files are not resolved per platform like the app's modules, so this one reads TARO_ENV).
 */
import type Taro from '@tarojs/taro';

// WeChat asks before the first getLocation and refuses it unless declared (a visit sends the
// location only if it comes at once: the BFF flags place codes scanned far from their place).
export const platformAppConfig: Partial<Taro.AppConfig> =
  process.env.TARO_ENV === 'weapp'
    ? {
        requiredPrivateInfos: ['getLocation'],
        permission: { 'scope.userLocation': { desc: '登记进入场所时核对您是否在该场所附近' } },
      }
    : {};
