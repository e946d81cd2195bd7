/** The session token: the only personal-ish thing the app keeps on the device (SPEC, Privacy). */
import { storage } from './storage';

const KEY = 'yima.session';

export function getToken(): string | null {
  return storage.get(KEY);
}

export function setToken(token: string): void {
  storage.set(KEY, token);
}

export function clearToken(): void {
  storage.remove(KEY);
}
