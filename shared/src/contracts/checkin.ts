/** Daily check-in (SPEC C2): the declaration and the code answer (C3). */
import { z } from 'zod';
import { CONTACTS, RISK_LEVELS, SYMPTOMS } from '../checkinOptions';
import { REGION_CODE, districtOf } from '../grids';
import { communityCode } from './grids';
import { safeText } from './text';

/** GB/T 2260 region code: six digits, province 11–82. */
export const regionCode = z.string().regex(REGION_CODE, 'must be a six-digit GB/T 2260 region code');

export const checkinRequest = z.strictObject({
  /** Body temperature in °C, or "normal" for people without a thermometer. */
  temperature: z.union([z.literal('normal'), z.number().min(34).max(43)]),
  /** Empty for "none". */
  symptoms: z
    .array(z.enum(SYMPTOMS))
    .max(SYMPTOMS.length)
    .refine((s) => new Set(s).size === s.length, 'symptoms must not repeat'),
  visitedAreas: z
    .array(regionCode)
    .max(30)
    .refine((s) => new Set(s).size === s.length, 'visitedAreas must not repeat'),
  contact: z.enum(CONTACTS),
  address: z
    .strictObject({
      district: regionCode,
      detail: z.string().trim().min(1).max(120).superRefine(safeText()),
      /** The community (社区) of the address, when the resident picks one: it must exist and lie
       * in `district`. It places the person in that community's grid (docs/decisions/0019). */
      community: communityCode.optional(),
    })
    .superRefine((a, ctx) => {
      if (a.community && districtOf(a.community) !== a.district)
        ctx.addIssue({ code: 'custom', path: ['community'], message: `must lie in district ${a.district}`, params: { code: 'COMMUNITY_NOT_IN_DISTRICT' } });
    }),
});
export type CheckinRequest = z.infer<typeof checkinRequest>;

export const riskAreaRequest = z.strictObject({
  code: regionCode,
  name: z.string().trim().min(1).max(60).superRefine(safeText()),
  level: z.enum(RISK_LEVELS),
  effectiveFrom: z.iso.datetime({ offset: true }),
  effectiveTo: z.iso.datetime({ offset: true }).nullable().default(null),
});
export type RiskAreaRequest = z.infer<typeof riskAreaRequest>;

/** `PATCH /api/risk-areas/:id`: the period ends at `effectiveTo` (now, or a time ahead). */
export const riskAreaEndRequest = z.strictObject({ effectiveTo: z.iso.datetime({ offset: true }) });
export type RiskAreaEndRequest = z.infer<typeof riskAreaEndRequest>;
