/**
 * When a colour the resident (or a relative for them) declared turns green if they keep
 * checking in (issue 12): the params of the code's `CHECKIN_HELD` reason, shown on the code card
 * as "连续健康打卡 14 天后（11月30日）转为绿码". Only when the check-in alone keeps the colour: with
 * an authority mark or a provincial state among the reasons, the date would promise a green
 * that those sources decide.
 */
import type { CodeAnswer, Locale } from '@yima/shared';
import { formatChinaDay } from './format';
import { translate } from './i18n';

export interface HeldOutlook {
  healthyDays: number;
  needed: number;
  /** YYYY-MM-DD, China. */
  greenOn: string;
}

export function heldOutlook(code: Pick<CodeAnswer, 'reasons'>): HeldOutlook | null {
  const held = code.reasons.find((r) => r.source === 'checkin' && r.reasonCode === 'CHECKIN_HELD');
  if (!held || code.reasons.some((r) => r.source !== 'checkin')) return null;
  const { healthyDays, needed, greenOn } = held.params ?? {};
  if (typeof healthyDays !== 'number' || typeof needed !== 'number' || typeof greenOn !== 'string') return null;
  return { healthyDays, needed, greenOn };
}

/** The card's line for an outlook, in the chosen language. */
export function heldOutlookLine(o: HeldOutlook, now: Date, locale: Locale): string {
  return translate(locale, 'code.held.greenOn', { needed: o.needed, healthyDays: o.healthyDays, date: formatChinaDay(o.greenOn, now, locale) });
}
