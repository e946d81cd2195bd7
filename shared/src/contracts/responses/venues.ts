/** Answers of places, visits and scans (SPEC C6, C7). */
import { z } from 'zod';
import { regionCode } from '../checkin';
import { VENUE_TYPES } from '../venues';
import { SCAN_VERDICTS } from '../../color';
import { testRequirementView } from './healthRecords';
import { color, count, idString, isoTime, maskedHolder, worded } from './common';

const venueType = z.enum(VENUE_TYPES);

export const venueCreated = z.strictObject({ id: idString, placeCode: z.string(), posterUrl: z.string() });

export const venueImportResult = z.strictObject({
  created: z.array(z.strictObject({ row: z.number().int().min(2), id: idString, placeCode: z.string() })),
  /** Rows refused, each with its spreadsheet row number; `code` is INVALID_ROW. */
  rejected: z.array(z.strictObject({ row: z.number().int().min(2), code: z.literal('INVALID_ROW'), message: z.string() })),
});

/** A place as operators see it. */
export const venueView = z.strictObject({
  id: idString,
  placeCode: z.string(),
  type: venueType,
  name: z.string(),
  address: z.string(),
  district: regionCode,
  active: z.boolean(),
  rotating: z.boolean(),
  /** A negative nucleic-acid test sampled within this many hours is required (decision 0026); null: none. */
  requiredTestHours: z.number().int().min(1).nullable(),
});
export type VenueView = z.infer<typeof venueView>;

/** `GET /api/venues`: a page of the registry, newest first. */
export const venueList = z.strictObject({ venues: z.array(venueView), nextCursor: idString.nullable() });
export type VenueList = z.infer<typeof venueList>;

/** A place as its code names it (`GET /api/places/:placeCode`, public). */
export const place = venueView.omit({ placeCode: true });
export type Place = z.infer<typeof place>;

export const venueSummary = z.strictObject({ id: idString, name: z.string(), address: z.string(), type: venueType });
export type VenueSummary = z.infer<typeof venueSummary>;
/** A visitor recorded by hand, as the guard sees it confirmed: masked. */
export const unregisteredVisit = z.strictObject({
  id: idString,
  venueId: idString,
  holder: maskedHolder,
  idNumber: z.string(),
  phone: z.string(),
  at: isoTime,
});
export type UnregisteredVisit = z.infer<typeof unregisteredVisit>;

/** A place of the scanner's choice: whether it shows a rotating code on a screen (the scanner
 * offers the screen only then). */
export const staffVenue = venueSummary.extend({ rotating: z.boolean() });
export type StaffVenue = z.infer<typeof staffVenue>;
/** `GET /api/venues/:id/scans/today`: the shift's record — the place's visits of the China day,
 * newest first, at most SHIFT_LIST_CAP of them, masked; `count` is all of the day's. */
export const SHIFT_VIA = ['scan', 'lookup', 'unregistered', 'self'] as const;
export const shiftScans = z.strictObject({
  day: z.string(),
  count: z.number().int().nonnegative(),
  scans: z.array(
    z.strictObject({
      at: isoTime,
      /** The masked name; null for another region's code (its issuer is named instead). */
      holder: maskedHolder.nullable(),
      issuer: z.string().nullable(),
      /** Null for a visitor recorded by hand: they have no code. */
      color: color.nullable(),
      /** Staff scanned a code, looked them up by ID, recorded them by hand; or they scanned the place's code themselves. */
      via: z.enum(SHIFT_VIA),
    }),
  ),
});
export type ShiftScans = z.infer<typeof shiftScans>;

export const staffVenueList = z.strictObject({ venues: z.array(staffVenue) });

/** The changing code of an entrance screen. */
export const rotatingCode = z.strictObject({
  /** What the QR holds: the place's visit link with the current step's token. */
  url: z.string(),
  /** When this step ends; a visit still accepts it for one more step. */
  expiresAt: isoTime,
  refreshAfterSeconds: count,
});
export type RotatingCode = z.infer<typeof rotatingCode>;

/** What the resident shows at the gate after checking in at a place. */
/** What the resident shows at the gate; `testRequirement` is the place's requirement of a recent
 * negative test and whether they meet it (null when the place requires none). */
export const visitPass = z.strictObject({ venue: venueSummary, time: isoTime, color, holder: maskedHolder, testRequirement: testRequirementView.nullable() });
export type Pass = z.infer<typeof visitPass>;
export const visitAnswer = z.strictObject({
  pass: visitPass,
  /** A second scan of the same place shortly after the first extends that visit. */
  extended: z.boolean(),
});
export type VisitAnswer = z.infer<typeof visitAnswer>;

/** `POST /api/scans`: the guard's verdict, a code the scanner page words (decision 0017). */
export const scanResult = z.strictObject({
  color,
  /** The masked name; null for another region's code, whose holder we cannot name. */
  holder: maskedHolder.nullable(),
  /** For another region's code (`kind: recognised`): the issuer on our trust list, which the
   * scanner page words as its holder ("穗康码持码人"); null for our own codes. */
  issuer: z.strictObject({ id: z.string(), name: z.string() }).nullable(),
  allowed: z.boolean(),
  /** `DENY_TEST_REQUIREMENT` (with `hours`) when the code is green but the place's test
   * requirement is not met (decision 0026, addendum). */
  verdict: worded(SCAN_VERDICTS),
  /** The place's requirement of a recent negative test and the person's standing against it;
   * null when the place requires none. A requirement not met makes `allowed` false. */
  testRequirement: testRequirementView.nullable(),
  kind: z.enum(['screen', 'paper', 'recognised', 'id-lookup']),
  verifiedOffline: z.boolean(),
});
export type ScanResult = z.infer<typeof scanResult>;
