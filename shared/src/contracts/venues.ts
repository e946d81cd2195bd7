/** Contracts for places, visits and scans (SPEC C6, C7; docs/api.md). */
import { z } from 'zod';
import { phoneField } from './auth';
import { regionCode } from './checkin';
import { safeText } from './text';
import { REQUIRED_TEST_HOURS } from '../healthRecords';

export const VENUE_TYPES = ['community', 'unit', 'station', 'checkpoint', 'public'] as const;
export type VenueType = (typeof VENUE_TYPES)[number];

/** A place's requirement of a negative nucleic-acid test sampled within this many hours
 * (decision 0026); null: none. */
export const requiredTestHours = z.number().int().min(REQUIRED_TEST_HOURS.min).max(REQUIRED_TEST_HOURS.max);

export const venueRequest = z
  .strictObject({
    type: z.enum(VENUE_TYPES),
    name: z.string().trim().min(2).max(60).superRefine(safeText()),
    address: z.string().trim().min(4).max(120).superRefine(safeText()),
    district: regionCode,
    lat: z.number().min(-90).max(90).optional(),
    lng: z.number().min(-180).max(180).optional(),
    organisation: z.string().trim().max(60).superRefine(safeText()).default(''),
    requiredTestHours: requiredTestHours.nullable().default(null),
  })
  .refine((v) => (v.lat === undefined) === (v.lng === undefined), { message: 'lat and lng come together', path: ['lat'] });
export type VenueRequest = z.infer<typeof venueRequest>;

/** `GET /api/venues`: the registry, newest first, a page at a time. */
export const venueListQuery = z.strictObject({
  district: regionCode.optional().describe('only the places of this district'),
  q: z.string().trim().min(1).max(60).superRefine(safeText()).optional().describe('only places whose name contains this'),
  cursor: z
    .string()
    .regex(/^\d{1,18}$/, 'must be a nextCursor this route answered')
    .optional()
    .describe('the `nextCursor` of the previous page'),
  limit: z
    .string()
    .regex(/^([1-9]\d?|100)$/, 'must be 1–100')
    .optional()
    .describe('places per page, 1–100 (default 50)'),
});
export type VenueListQuery = z.infer<typeof venueListQuery>;

/** An operator's change to a place; `requiredTestHours: null` clears the requirement, an
 * absent field leaves it as it is. */
export const venuePatch = z.strictObject({
  active: z.boolean().optional(),
  rotating: z.boolean().optional(),
  requiredTestHours: requiredTestHours.nullable().optional(),
});
export type VenuePatch = z.infer<typeof venuePatch>;

export const visitRequest = z.strictObject({
  dependentId: z
    .string()
    .regex(/^\d{1,18}$/)
    .optional(),
  /** The `t` of a rotating place code's URL (required for places that opted in). */
  placeToken: z.string().max(20).optional(),
  location: z.strictObject({ lat: z.number().min(-90).max(90), lng: z.number().min(-180).max(180) }).optional(),
});

export const scanRequest = z.union([
  z.strictObject({
    venueId: z.string().regex(/^\d{1,18}$/),
    qr: z.string().min(1).max(400),
    /** For scans verified offline and uploaded later. */
    scannedAt: z.iso.datetime({ offset: true }).optional(),
    verifiedOffline: z.boolean().optional(),
  }),
  z.strictObject({ venueId: z.string().regex(/^\d{1,18}$/), idNumber: z.string().max(32), name: z.string().max(64) }),
]);
export type ScanRequest = z.infer<typeof scanRequest>;

/** `POST /api/venues/:id/unregistered-visits`: the guard records someone who is not registered
 * (the handwritten book's line; nobody is refused). The ID number is checked by the BFF
 * (`INVALID_ID_NUMBER`), as every other one. */
export const unregisteredVisitRequest = z.strictObject({
  name: z.string().trim().min(1).max(30).superRefine(safeText()),
  idNumber: z.string().max(32),
  phone: phoneField,
  note: z
    .string()
    .trim()
    .max(200)
    .superRefine(safeText({ multiline: true }))
    .optional(),
});
export type UnregisteredVisitRequest = z.infer<typeof unregisteredVisitRequest>;

// Response types are inferred from the response schemas (./responses/venues).
export type { VenueView, ScanResult } from './responses/venues';
