/**
 * The guard's scanner (SPEC C7): sends a scanned code or an ID number to the BFF, and when the
 * network is down verifies the code on the device (../scanner/offlineVerify) and queues the
 * scan for upload (../scanner/scanQueue). Keeps on the device only public or pseudonymous
 * things: the trust list, the revocation list (token ids), the staff's places, and the queued
 * tokens (a token names no one: its holder id means something only to the BFF).
 */
import {
  compactRevocations,
  verifyOffline,
  type CachedRevocations,
  type CachedTrustList,
  type OfflineCheck,
  type OfflineLists,
  type RevocationsAnswer,
  type TrustListAnswer,
} from '../scanner/offlineVerify';
import { createFlusher, createScanQueue, outcomeOfStatus, type FlushResult, type QueuedScan } from '../scanner/scanQueue';
import { storage } from './storage';
import { ApiError, request } from './request';
import { newIdempotencyKey } from './idempotency';

/** The BFF's answer to `POST /api/scans` (`verdict` is a code the scanner page words). */
export type { ScanResult } from '@yima/shared';
import type { ScanResult, ShiftScans, UnregisteredVisit } from '@yima/shared';
import { onReconnect as deviceReconnect } from '../platform/device';

/** Answers of `POST /api/scans` that are about the code itself: the guard turns the holder away. */
export const CODE_PROBLEMS = ['INVALID_CODE', 'CODE_EXPIRED', 'BAD_SIGNATURE', 'CODE_REVOKED', 'UNKNOWN_ISSUER'] as const;
export type CodeProblem = (typeof CODE_PROBLEMS)[number] | 'NO_TRUST_LIST';

export type ScanOutcome =
  /** The BFF answered. */
  | { type: 'online'; result: ScanResult }
  /** The BFF refused the code (expired, forged, voided…). */
  | { type: 'refused'; problem: CodeProblem }
  /** No network: checked on the device; `queued` when kept for upload, `storeFailed` when
   * the device could not keep it (the guard must write it down). */
  | { type: 'offline'; check: OfflineCheck; queued: boolean; storeFailed: boolean };

/** A guard with a queue of people should not wait 10 s to learn the network is down. */
const SCAN_TIMEOUT_MS = 6000;

const TRUST_KEY = 'yima.scanner.trust';
const REVOCATIONS_KEY = 'yima.scanner.revocations';

export const offlineLists = (): OfflineLists & { trustFetchedAt: string | null } => {
  const trustList = storage.readJson<CachedTrustList>(TRUST_KEY);
  return { trustList, revocations: storage.readJson<CachedRevocations>(REVOCATIONS_KEY), trustFetchedAt: trustList?.fetchedAt ?? null };
};

/** Downloads the trust and revocation lists for offline checks; false when offline. */
export async function refreshOfflineLists(now = () => new Date()): Promise<boolean> {
  try {
    const [trust, revocations] = await Promise.all([request<TrustListAnswer>('/api/trust-list'), request<RevocationsAnswer>('/api/revocations')]);
    storage.keepJson(TRUST_KEY, {
      issuer: trust.data.issuer,
      keys: trust.data.keys,
      trusted: trust.data.trusted,
      fetchedAt: now().toISOString(),
    } satisfies CachedTrustList);
    storage.keepJson(REVOCATIONS_KEY, compactRevocations(revocations.data, now()));
    return true;
  } catch {
    return false;
  }
}

/** The staff's places (kept for offline use) live in ./staffVenues, outside the scanner's bundle. */
export { forgetStaffVenues, staffVenues } from './staffVenues';

const queue = createScanQueue(storage);
const flusher = createFlusher(queue, async ({ idempotencyKey, ...scan }: QueuedScan) => {
  try {
    await request<ScanResult>('/api/scans', { method: 'POST', data: scan, auth: true, headers: idempotencyKey ? { 'Idempotency-Key': idempotencyKey } : {} });
    return 'sent';
  } catch (err) {
    // The same upload still being answered (its first try's answer was lost): try again later.
    if (err instanceof ApiError && err.code === 'REQUEST_IN_PROGRESS') return 'retry';
    return outcomeOfStatus(err instanceof ApiError ? err.status : 0);
  }
});

/** Scans waiting for upload. */
export const queuedScanCount = () => queue.size();

/** Uploads the waiting scans (oldest first) while the network lasts. */
export const flushScanQueue = (): Promise<FlushResult> => flusher.flush();

/**
 * A scanned (or pasted) code at a place. Online, the BFF decides — with the holder's colour
 * now, not when the code was made. Offline (or the BFF answering 503), the device checks the token against the last lists
 * and keeps the scan for upload.
 */
export async function scanCode(venueId: string, qr: string, now = new Date()): Promise<ScanOutcome> {
  const text = qr.trim();
  try {
    // One key per scan: a retry of this request is not a second visit (decision 0028). When it
    // fails for want of network the scan is queued with a key of its own (its body differs).
    const { data } = await request<ScanResult>('/api/scans', {
      method: 'POST',
      data: { venueId, qr: text },
      auth: true,
      timeout: SCAN_TIMEOUT_MS,
      headers: { 'Idempotency-Key': newIdempotencyKey() },
    });
    void flushScanQueue();
    return { type: 'online', result: data };
  } catch (err) {
    if (!(err instanceof ApiError)) throw err;
    if ((CODE_PROBLEMS as readonly string[]).includes(err.code)) return { type: 'refused', problem: err.code as CodeProblem };
    // A BFF whose stores are down or stalled (503: SERVICE_UNAVAILABLE, DEPENDENCY_TIMEOUT)
    // is treated like no network: the gate keeps moving on the device's check, and the scan
    // waits on the device until the BFF can record it (docs/decisions/0027).
    if (err.code !== 'NETWORK' && err.status !== 503) throw err;
  }
  const check = verifyOffline(text, offlineLists(), now);
  // A genuine code (or one we could not check for want of lists) is a visit to record later;
  // anything else was turned away and is no record.
  if (!check.ok && check.problem !== 'NO_TRUST_LIST') return { type: 'offline', check, queued: false, storeFailed: false };
  try {
    queue.add({ venueId, qr: text, scannedAt: now.toISOString(), verifiedOffline: true, idempotencyKey: newIdempotencyKey() });
    return { type: 'offline', check, queued: true, storeFailed: false };
  } catch {
    return { type: 'offline', check, queued: false, storeFailed: true };
  }
}

/** Someone without a phone: their ID number and name (online only; the BFF rate-limits it). */
export async function lookupPerson(venueId: string, idNumber: string, name: string): Promise<ScanResult> {
  const { data } = await request<ScanResult>('/api/scans', {
    method: 'POST',
    data: { venueId, idNumber, name },
    auth: true,
    timeout: SCAN_TIMEOUT_MS,
    headers: { 'Idempotency-Key': newIdempotencyKey() },
  });
  void flushScanQueue();
  return data;
}

/** Records a visitor who is not registered at the place (decision 0025): the answer is masked. */
export async function recordUnregisteredVisit(
  venueId: string,
  visitor: { name: string; idNumber: string; phone: string; note?: string },
): Promise<UnregisteredVisit> {
  const { data } = await request<UnregisteredVisit>(`/api/venues/${venueId}/unregistered-visits`, {
    method: 'POST',
    data: visitor,
    auth: true,
    timeout: SCAN_TIMEOUT_MS,
  });
  return data;
}

/** The shift's record: today's visits at the place, masked, newest first (at most 100). */
export async function todaysScans(venueId: string): Promise<ShiftScans> {
  const { data } = await request<ShiftScans>(`/api/venues/${venueId}/scans/today`, { auth: true });
  return data;
}

/** Calls `onOnline` when the device reconnects (platform/device: network events or the
 * window's online event). Returns the unsubscribe. */
export const onReconnect = deviceReconnect;
