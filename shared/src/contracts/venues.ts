/** Contracts for places, visits and scans (SPEC C6, C7; docs/api.md). */
import { z } from 'zod';
import { regionCode } from './checkin';
import { safeText } from './text';

export const VENUE_TYPES = ['community', 'unit', 'station', 'checkpoint', 'public'] as const;
export type VenueType = (typeof VENUE_TYPES)[number];

export const venueRequest = z
  .strictObject({
    type: z.enum(VENUE_TYPES),
    name: z.string().trim().min(2).max(60).superRefine(safeText()),
    address: z.string().trim().min(4).max(120).superRefine(safeText()),
    district: regionCode,
    lat: z.number().min(-90).max(90).optional(),
    lng: z.number().min(-180).max(180).optional(),
    organisation: z.string().trim().max(60).superRefine(safeText()).default(''),
  })
  .refine((v) => (v.lat === undefined) === (v.lng === undefined), { message: 'lat and lng come together', path: ['lat'] });
export type VenueRequest = z.infer<typeof venueRequest>;

export const venuePatch = z.strictObject({ active: z.boolean().optional(), rotating: z.boolean().optional() });

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

// Response types are inferred from the response schemas (./responses/venues).
export type { VenueView, ScanResult } from './responses/venues';
