/**
 * Conversion requests (转码申请, SPEC C8; docs/decisions/0022-conversion-requests.md): a resident,
 * or a filer for their relative, asks for a review of a yellow or red colour. Pure vocabulary
 * and the routing rule; the BFF stores, routes and decides (features/conversions).
 */

/**
 * Where a request stands:
 * - `pending`: with the community workers of the person's grid;
 * - `forwarded`: an authority mark decides the colour: with the authority of the mark's district;
 * - `referred`: the provincial state decides it: answered at once with the hotline to call;
 * - `approved` / `rejected`: decided, with the decider's reason.
 */
export const CONVERSION_STATUSES = ['pending', 'forwarded', 'referred', 'approved', 'rejected'] as const;
export type ConversionStatus = (typeof CONVERSION_STATUSES)[number];

/** Statuses nobody acts on any more: a person may ask again after one of these. */
export const CONVERSION_CLOSED: readonly ConversionStatus[] = ['referred', 'approved', 'rejected'];

/** Who handles a request: the community workers of a grid, the authority of a district, or
 * the provincial hotline (nobody in this system). */
export const CONVERSION_HANDLERS = ['community', 'authority', 'provincial'] as const;
export type ConversionHandler = (typeof CONVERSION_HANDLERS)[number];
