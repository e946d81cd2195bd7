/** Alipay: Taro.login maps to my.getAuthCode({scopes:'auth_base'}); the auth code comes
 * back as `code` (docs/taro-build-notes.md) and the BFF exchanges it for the user id. */
import Taro from '@tarojs/taro';
import type { PlatformCredential } from './login';

export type { PlatformCredential } from './login';
export const platformName: 'wechat' | 'alipay' | null = 'alipay';

export async function platformLoginCredential(): Promise<PlatformCredential | null> {
  const { code } = await Taro.login();
  return { method: 'alipay', authCode: code };
}
