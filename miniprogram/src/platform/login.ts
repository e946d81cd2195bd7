/**
 * Platform one-tap login credential. H5 (this file) has none; login.weapp.ts and
 * login.alipay.ts replace it in those builds (Taro picks the file by TARO_ENV).
 */
export type PlatformCredential = { method: 'wechat'; code: string } | { method: 'alipay'; authCode: string };

/** Which one-tap button to show, if any. */
export const platformName: 'wechat' | 'alipay' | null = null;

export async function platformLoginCredential(): Promise<PlatformCredential | null> {
  return null;
}
