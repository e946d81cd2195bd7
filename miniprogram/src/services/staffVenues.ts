/**
 * The places this account is staff of, kept on the device for offline use. Apart from
 * ./scans so the home page (main package) can ask "is this a guard?" without pulling the
 * scanner's offline verification (and @noble/curves) into the main package.
 */
import { ApiError } from './request';
import { storage } from './storage';
import { listStaffVenues, type StaffVenue } from './venues';

const VENUES_KEY = 'yima.scanner.venues';

/** The staff's places, from the BFF, or — offline — as last seen. */
export async function staffVenues(): Promise<{ venues: StaffVenue[]; offline: boolean }> {
  try {
    const venues = await listStaffVenues();
    storage.keepJson(VENUES_KEY, venues); // a full device keeps the older copy
    return { venues, offline: false };
  } catch (err) {
    const cached = storage.readJson<StaffVenue[]>(VENUES_KEY);
    if (err instanceof ApiError && err.code === 'NETWORK' && cached) return { venues: cached, offline: true };
    throw err;
  }
}

/** On logout: the next account on this device must not see these places. (Queued scans stay:
 * nothing waiting is dropped; the BFF refuses them if the next account is not staff there.) */
export function forgetStaffVenues(): void {
  storage.remove(VENUES_KEY);
}
