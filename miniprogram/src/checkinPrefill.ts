/**
 * What the check-in form starts from. The resident's own: today's answers to edit when there
 * are some, else the address of their latest check-in (GET /api/me/checkins, 14 days). A
 * relative's: the address this device last sent for them (the BFF answers a filer no
 * relative's check-ins: once the relative registers, their check-ins are their own), kept per
 * relative in one stored map the app forgets on logout.
 */
import type { CheckinHistoryEntry, CheckinRequest } from '@yima/shared';

export type CheckinAddress = CheckinRequest['address'];

/** Today's answers (to edit) or only the latest address; null when there is no check-in. */
export function ownPrefill(
  history: readonly CheckinHistoryEntry[],
  today: string,
): { kind: 'today'; answers: CheckinRequest } | { kind: 'address'; address: CheckinAddress } | null {
  const todays = history.find((h) => h.day === today);
  if (todays) return { kind: 'today', answers: todays.answers };
  // Newest first as the BFF answers, but do not rely on it.
  const latest = [...history].sort((a, b) => b.checkedInAt.localeCompare(a.checkedInAt))[0];
  return latest ? { kind: 'address', address: latest.answers.address } : null;
}

/** The stored map: relative id → the address last sent for them. */
export type RelativeAddresses = Record<string, CheckinAddress>;

const isAddress = (v: unknown): v is CheckinAddress => {
  if (!v || typeof v !== 'object') return false;
  const a = v as Record<string, unknown>;
  return (
    typeof a.district === 'string' &&
    /^\d{6}$/.test(a.district) &&
    typeof a.detail === 'string' &&
    a.detail.trim() !== '' &&
    (a.community === undefined || (typeof a.community === 'string' && a.community.startsWith(a.district)))
  );
};

/** A relative's remembered address, or null (nothing stored, or a value that is not one). */
export function recalledAddress(stored: unknown, dependentId: string): CheckinAddress | null {
  if (!stored || typeof stored !== 'object' || !Object.prototype.hasOwnProperty.call(stored, dependentId)) return null;
  const address = (stored as Record<string, unknown>)[dependentId];
  if (!isAddress(address)) return null;
  return { district: address.district, detail: address.detail, ...(address.community ? { community: address.community } : {}) };
}

/** The map with this relative's address replaced (or removed, with null); entries that are not addresses are dropped. */
export function withAddress(stored: unknown, dependentId: string, address: CheckinAddress | null): RelativeAddresses {
  const next: RelativeAddresses = {};
  if (stored && typeof stored === 'object')
    for (const id of Object.keys(stored)) {
      const kept = recalledAddress(stored, id);
      if (kept && id !== dependentId) next[id] = kept;
    }
  if (address) next[dependentId] = address;
  return next;
}
