/**
 * The address this device last sent with a relative's check-in, per relative, so the next
 * check-in for them starts from it (../checkinPrefill.ts says why on the device). Forgotten on
 * logout and when the resident stops filing for the relative.
 */
import { recalledAddress, withAddress, type CheckinAddress } from '../checkinPrefill';
import { storage } from './storage';

const KEY = 'yima.relativeAddresses';

export const relativeAddress = (dependentId: string): CheckinAddress | null => recalledAddress(storage.readJson<unknown>(KEY), dependentId);

/** Best effort: a full device keeps the older copy. */
export function rememberRelativeAddress(dependentId: string, address: CheckinAddress): void {
  storage.keepJson(KEY, withAddress(storage.readJson<unknown>(KEY), dependentId, address));
}

export function forgetRelativeAddress(dependentId: string): void {
  storage.keepJson(KEY, withAddress(storage.readJson<unknown>(KEY), dependentId, null));
}

/** On logout: the next account on this device must not see them. */
export function forgetRelativeAddresses(): void {
  storage.remove(KEY);
}
