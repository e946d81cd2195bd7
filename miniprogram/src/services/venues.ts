/**
 * Places (SPEC C6): a place's code on its poster, the resident's visit there and the pass it
 * gives, and — for venue staff — the places they scan at.
 */
import Taro from '@tarojs/taro';
import type { Color } from '@yima/shared';
import { request } from './request';

export type PlaceType = 'community' | 'unit' | 'station' | 'checkpoint' | 'public';

/** A place as its code names it (`GET /api/places/:placeCode`, public). */
export interface Place {
  id: string;
  type: PlaceType;
  name: string;
  address: string;
  district: string;
  active: boolean;
}

export interface VenueSummary {
  id: string;
  name: string;
  address: string;
  type: PlaceType;
}

/** What the resident shows at the gate after checking in at a place. */
export interface Pass {
  venue: VenueSummary;
  /** When the visit was recorded (ISO). */
  time: string;
  color: Color;
  holder: { name: string };
}

export interface VisitAnswer {
  pass: Pass;
  /** A second scan of the same place shortly after the first extends that visit. */
  extended: boolean;
}

export const fetchPlace = async (placeCode: string) => (await request<Place>(`/api/places/${encodeURIComponent(placeCode)}`)).data;

export async function visitPlace(venueId: string, body: { dependentId?: string; location?: { lat: number; lng: number } }): Promise<VisitAnswer> {
  return (await request<VisitAnswer>(`/api/venues/${encodeURIComponent(venueId)}/visits`, { method: 'POST', data: body, auth: true })).data;
}

/** The places this account is staff of (empty for everyone else). */
export const listStaffVenues = async () => (await request<{ venues: VenueSummary[] }>('/api/staff/venues', { auth: true })).data.venues;

/** A place's changing code for its entrance screen (`GET /api/venues/:id/rotating-code`). */
export interface RotatingCode {
  /** What the QR holds: the place's visit link with the current step's token. */
  url: string;
  /** When this step ends (ISO); a visit still accepts it for one more step. */
  expiresAt: string;
  refreshAfterSeconds: number;
}

/** Fails NOT_FOUND (404) when the place uses a printed poster rather than a changing code. */
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
