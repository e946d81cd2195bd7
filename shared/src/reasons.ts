/**
 * Why a code has its colour: the stable codes of the check-in rules (checkinRules.ts). The
 * words — what each means and what the resident can do about it (seed 004: a colour without a
 * reason and a way out is the failure we are here to avoid) — are the client's, in zh and en
 * (miniprogram/src/i18n/text/reasons.ts; docs/decisions/0017-one-home-for-wording.md).
 */
export const REASON_CODES = [
  'NO_CHECKIN',
  'CHECKIN_OK',
  'CHECKIN_OVERDUE',
  'FEVER',
  'SYMPTOMS',
  'MEDIUM_RISK_AREA',
  'HIGH_RISK_AREA',
  'CONTACT_SUSPECTED',
  'CONTACT_CONFIRMED',
  // An account that has not verified its identity while its record holds what others
  // reported (docs/decisions/0008-real-name-verification.md): neither the colour nor a pass.
  'IDENTITY_UNVERIFIED',
  // A yellow or red the person declared is still held although their latest check-in is
  // milder: it turns green after a run of healthy check-ins (colourTransitions.ts). Answered
  // with params {healthyDays, needed, greenOn}.
  'CHECKIN_HELD',
] as const;
export type ReasonCode = (typeof REASON_CODES)[number];

/** Whether a reason code (as answers carry it, a plain string) is one of the check-in rules'. */
export function isReasonCode(code: string): code is ReasonCode {
  return (REASON_CODES as readonly string[]).includes(code);
}

/** The colour history's reason when a run of consecutive healthy check-ins lowered a held
 * colour (colourTransitions.ts), with params {days}. A history code, not a reason of a code. */
export const HEALTHY_RUN_REASON = 'CHECKIN_HEALTHY_RUN';
