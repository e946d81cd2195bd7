/**
 * Places (SPEC C6): a place's code on its poster, the resident's visit there and the pass it
 * gives, and — for venue staff — the places they scan at.
 */
import Taro from '@tarojs/taro';
import type { Place, RotatingCode, StaffVenue, VenueSummary, VisitAnswer } from '@yima/shared';
import { request } from './request';
import { newIdempotencyKey, withRetries } from './idempotency';

/** The answers' types come from the shared response schemas (shared/src/contracts/responses/venues.ts). */
export type { Place, RotatingCode, StaffVenue, VenueSummary, VisitAnswer };

export const fetchPlace = async (placeCode: string) => (await request<Place>(`/api/places/${encodeURIComponent(placeCode)}`)).data;

export type VisitBody = { dependentId?: string; location?: { lat: number; lng: number } };

/** One visit (one tap): `key` is that action's Idempotency-Key, the same on every retry of
 * it, so a visit whose answer was lost is not recorded twice (decision 0028). Retries here a
 * few times when the outcome is unknown (no answer, 5xx, the first try still running). */
export async function visitPlace(venueId: string, body: VisitBody, key = newIdempotencyKey()): Promise<VisitAnswer> {
  const send = () =>
    request<VisitAnswer>(`/api/venues/${encodeURIComponent(venueId)}/visits`, {
      method: 'POST',
      data: body,
      auth: true,
      headers: { 'Idempotency-Key': key },
    });
  return (await withRetries(send)).data;
}

/** The places this account is staff of (empty for everyone else). */
export const listStaffVenues = async () => (await request<{ venues: StaffVenue[] }>('/api/staff/venues', { auth: true })).data.venues;

/** A place's changing code for its entrance screen (`GET /api/venues/:id/rotating-code`).
 * Fails NOT_FOUND (404) when the place uses a printed poster rather than a changing code. */
export const fetchRotatingCode = async (venueId: string) =>
  (await request<RotatingCode>(`/api/venues/${encodeURIComponent(venueId)}/rotating-code`, { auth: true })).data;

/**
 * The device's location if it is known within `withinMs`, else undefined: a visit never waits
 * on a permission prompt or a slow fix (the BFF only uses it to flag codes scanned far from
 * their place). WGS-84 everywhere: H5 has no other, and one system keeps distances honest.
 */
export function quickLocation(withinMs = 1500): Promise<{ lat: number; lng: number } | undefined> {
  return new Promise((resolve) => {
    const timer = setTimeout(() => resolve(undefined), withinMs);
    const done = (value: { lat: number; lng: number } | undefined) => {
      clearTimeout(timer);
      resolve(value);
    };
    try {
      Taro.getLocation({ type: 'wgs84' })
        .then((res) => done(Number.isFinite(res.latitude) && Number.isFinite(res.longitude) ? { lat: res.latitude, lng: res.longitude } : undefined))
        .catch(() => done(undefined));
    } catch {
      done(undefined);
    }
  });
}
