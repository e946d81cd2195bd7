/** The session token: the only personal-ish thing the app keeps on the device (SPEC, Privacy). */
import Taro from '@tarojs/taro';

const KEY = 'yima.session';

export function getToken(): string | null {
  try {
    const value = Taro.getStorageSync(KEY);
    return typeof value === 'string' && value ? value : null;
  } catch {
    return null;
  }
}

export function setToken(token: string): void {
  Taro.setStorageSync(KEY, token);
}

export function clearToken(): void {
  Taro.removeStorageSync(KEY);
}
