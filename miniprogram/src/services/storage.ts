/**
 * The one wrapper around the device's key-value storage (Taro's getStorageSync and friends,
 * the same call on WeChat, Alipay and H5). Reads never throw: a missing or unreadable value
 * reads as null. `set` throws when the device refuses (storage full) for callers that must
 * know — the offline scan queue tells the guard to write the scan down; `keep` swallows it
 * where the older copy is good enough.
 */
import Taro from '@tarojs/taro';

/** The stored value as it was written (string, boolean…), or undefined. */
function raw(key: string): unknown {
  try {
    return Taro.getStorageSync(key);
  } catch {
    return undefined;
  }
}

export const storage = {
  raw,
  /** A non-empty string, or null. */
  get(key: string): string | null {
    const value = raw(key);
    return typeof value === 'string' && value ? value : null;
  },
  /** Throws when the device refuses. */
  set(key: string, value: string | boolean): void {
    Taro.setStorageSync(key, value);
  },
  /** Keeps `value`; false when the device refused (the previous copy stays). */
  keep(key: string, value: string | boolean): boolean {
    try {
      Taro.setStorageSync(key, value);
      return true;
    } catch {
      return false;
    }
  },
  remove(key: string): void {
    try {
      Taro.removeStorageSync(key);
    } catch {
      // Nothing to remove.
    }
  },
  /** Parsed JSON, or null when missing or malformed. */
  readJson<T>(key: string): T | null {
    const text = storage.get(key);
    if (!text) return null;
    try {
      return JSON.parse(text) as T;
    } catch {
      return null;
    }
  },
  keepJson(key: string, value: unknown): boolean {
    return storage.keep(key, JSON.stringify(value));
  },
};
