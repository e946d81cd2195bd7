/** WeChat: wx.login gives a one-time code for the BFF's code2Session exchange. */
import Taro from '@tarojs/taro';
import type { PlatformCredential } from './login';

export type { PlatformCredential } from './login';
export const platformName: 'wechat' | 'alipay' | null = 'wechat';

export async function platformLoginCredential(): Promise<PlatformCredential | null> {
  const { code } = await Taro.login();
  return { method: 'wechat', code };
}
