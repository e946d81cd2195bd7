/**
 * Conversion requests (转码申请, SPEC C8; docs/decisions/0022-conversion-requests.md): a resident,
 * or a filer for their relative, asks for a review of a yellow or red colour. Pure vocabulary
 * and the routing rule; the BFF stores, routes and decides (features/conversions).
 */
import type { CheckinRequest } from './contracts/checkin';

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

/** What a request's decisions and routings are counted as in the statistics (`conversions`,
 * by outcome): the status a request moved to, whoever moved it. */
export const CONVERSION_OUTCOMES = ['approved', 'rejected', 'forwarded', 'referred'] as const;
export type ConversionOutcome = (typeof CONVERSION_OUTCOMES)[number];

/**
 * The colour history's reasons of conversion decisions (a history code, not a reason of a
 * code; decision 0017: worded by the app). Each row names in params who decided as a role
 * (`by`: `community-worker` or `authority`) and, for a forwarding, the district (`district`).
 */
export const CONVERSION_HISTORY_REASONS = ['CONVERSION_APPROVED', 'CONVERSION_REJECTED', 'CONVERSION_FORWARDED', 'CONVERSION_REFERRED'] as const;
export type ConversionHistoryReason = (typeof CONVERSION_HISTORY_REASONS)[number];
export const isConversionHistoryReason = (code: string): code is ConversionHistoryReason => (CONVERSION_HISTORY_REASONS as readonly string[]).includes(code);

/** Whether a request stays with someone who acts on it. */
export const isOpenConversion = (status: ConversionStatus): boolean => !CONVERSION_CLOSED.includes(status);

/** One source of a merged colour as the routing reads it (a MergeResult's `sources`). */
export interface RoutedSource {
  /** `checkin`, `provincial`, `mark:<district>`, `recognised:<issuer>`. */
  source: string;
  color: string;
  stale: boolean;
}

/** Where a request goes: the grid's workers, a district's authority, or the hotline. */
export type ConversionRoute = { kind: 'community' } | { kind: 'authority'; district: string } | { kind: 'provincial' };

const raises = (s: RoutedSource) => !s.stale && (s.color === 'yellow' || s.color === 'red');

/**
 * Who can lower the colour now, from the sources that make it yellow or red (stale ones decide
 * nothing): the check-in (the grid's community workers) first — only they can clear what a
 * resident declared — then an authority mark (the most severe, then the first, mark's
 * district), then the provincial state (the hotline). Null when nothing yellow or red is
 * there to convert. Another region's code (`recognised:`) is not ours to review: as provincial.
 */
export function routeConversion(sources: readonly RoutedSource[]): ConversionRoute | null {
  const raising = sources.filter(raises);
  if (raising.some((s) => s.source === 'checkin')) return { kind: 'community' };
  const marks = raising.filter((s) => s.source.startsWith('mark:'));
  if (marks.length) {
    const worst = marks.find((s) => s.color === 'red') ?? marks[0];
    return { kind: 'authority', district: worst.source.slice('mark:'.length) };
  }
  return raising.length ? { kind: 'provincial' } : null;
}

/** A request may be filed when the colour is yellow or red and none is open. */
export const conversionRequestable = (color: string, latest: { status: ConversionStatus } | null): boolean =>
  (color === 'yellow' || color === 'red') && (latest === null || !isOpenConversion(latest.status));

/**
 * The answers an approved request leaves of the check-in in force (the worker vouched that it
 * was declared by mistake): healthy, at the same address and time, so it still goes overdue by
 * its time. The stored answers are untouched (the history shows what was given).
 */
export const convertedAnswers = (answers: CheckinRequest): CheckinRequest => ({
  ...answers,
  temperature: 'normal',
  symptoms: [],
  visitedAreas: [],
  contact: 'none',
});
