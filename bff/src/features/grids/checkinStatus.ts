/** Where a resident's check-in stands, as a community worker follows it up: from the check-in
 * rules' own evaluation (the code page's "due"), never a second rule. */
import { chinaDate, GREEN_VALID_MS, type LocalState, type ResidentCheckin } from '@yima/shared';

const DAY_MS = 86400_000;

/** The check-in no longer counts: none, or over 3 days old (the code page's "due"). */
export const isOverdue = (local: Pick<LocalState, 'reasons'>): boolean => local.reasons.includes('NO_CHECKIN') || local.reasons.includes('CHECKIN_OVERDUE');

export function checkinStatus(local: Pick<LocalState, 'reasons' | 'checkedInAt'>, now: Date): ResidentCheckin {
  const last = local.checkedInAt;
  const overdue = isOverdue(local);
  return {
    lastAt: last?.toISOString() ?? null,
    today: last !== null && chinaDate(last) === chinaDate(now),
    overdue,
    // Rounded up: on the first day past due it is one day overdue.
    overdueDays: last === null ? null : overdue ? Math.max(1, Math.ceil((now.getTime() - last.getTime() - GREEN_VALID_MS) / DAY_MS)) : 0,
  };
}
