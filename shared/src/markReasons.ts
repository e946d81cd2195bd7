/**
 * The maintained list of reasons an authority may give for a mark (SPEC C8). The first seven
 * are the red types of seed 004 (Guangzhou's 穗康码: home isolation, centralised isolation,
 * close contact, suspected case, confirmed case, positive test — and arrivals from a severely
 * affected area); the rest are the yellow-level measures cities used alongside them. Each
 * reason names its usual colour; the operator may choose another, and must always give the
 * legal basis and may add free text. What each reason is called and how it is lifted are
 * words, not rules: the app's are in miniprogram/src/i18n/text/reasons.ts, and the BFF's (for
 * operators' `GET /api/mark-reasons`) in bff/src/texts.ts (docs/decisions/0017).
 */
export const MARK_COLORS = ['yellow', 'red'] as const;
export type MarkColor = (typeof MARK_COLORS)[number];

export const MARK_REASONS = {
  HOME_ISOLATION: { usualColor: 'red' },
  CENTRALISED_ISOLATION: { usualColor: 'red' },
  CLOSE_CONTACT: { usualColor: 'red' },
  SUSPECTED_CASE: { usualColor: 'red' },
  CONFIRMED_CASE: { usualColor: 'red' },
  POSITIVE_TEST: { usualColor: 'red' },
  HIGH_RISK_ARRIVAL: { usualColor: 'red' },
  SECONDARY_CONTACT: { usualColor: 'yellow' },
  MEDIUM_RISK_ARRIVAL: { usualColor: 'yellow' },
  HEALTH_MONITORING: { usualColor: 'yellow' },
} as const satisfies Record<string, { usualColor: MarkColor }>;

export type MarkReasonCode = keyof typeof MARK_REASONS;
export const MARK_REASON_CODES = Object.keys(MARK_REASONS) as MarkReasonCode[];

export function isMarkReason(code: string): code is MarkReasonCode {
  return Object.prototype.hasOwnProperty.call(MARK_REASONS, code);
}

/** What every district an authority of `holder` covers begins with (districtCovers as a
 * prefix, for a database's `LIKE`): a province its 2 digits, a city its 4, a district itself. */
export function districtScopePrefix(holder: string): string {
  if (/^\d{2}0000$/.test(holder)) return holder.slice(0, 2);
  if (/^\d{4}00$/.test(holder)) return holder.slice(0, 4);
  return holder;
}

/** Whether an authority of district `holder` may lift a mark set by district `setter`: the
 * same district, or one above it (GB/T 2260: 110000 province ⊃ 110100 city ⊃ 110105 district). */
export function districtCovers(holder: string, setter: string): boolean {
  if (holder === setter) return true;
  if (/^\d{2}0000$/.test(holder)) return setter.startsWith(holder.slice(0, 2));
  if (/^\d{4}00$/.test(holder)) return setter.startsWith(holder.slice(0, 4));
  return false;
}
