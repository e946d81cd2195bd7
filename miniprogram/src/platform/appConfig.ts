/**
 * The parts of app.config.ts that differ by platform. Read by Taro at build time (config
 * files are not resolved per platform like the app's modules, so this one reads TARO_ENV).
 */
import type Taro from '@tarojs/taro';

// WeChat asks before the first getLocation and refuses it unless declared (a visit sends the
// location only if it comes at once: the BFF flags place codes scanned far from their place).
//
// H5 turns the router's page transition off. With it on, Taro 4.2's router hides the page
// left behind on a timer (animation duration + delay) that `show` never cancels: a back link
// pressed within that time showed the page again and then the timer hid it, leaving a blank
// screen (test/e2e/navigation.test.ts failed about 1 run in 3). Without the animation the
// page is hidden at once and shown again by the back navigation, in that order.
const byPlatform: Record<string, Partial<Taro.AppConfig>> = {
  weapp: {
    requiredPrivateInfos: ['getLocation'],
    permission: { 'scope.userLocation': { desc: '登记进入场所时核对您是否在该场所附近' } },
  },
  h5: { animation: false },
};

export const platformAppConfig: Partial<Taro.AppConfig> = byPlatform[process.env.TARO_ENV ?? ''] ?? {};
