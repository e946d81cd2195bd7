/**
 * The words for a conversion request (decision 0022): its status, who handles it (a grid's
 * workers, a district's authority, the hotline), and the decision, by role only — a worker's
 * name is never shown to the person.
 */
import type { ConversionRequestView, Locale } from '@yima/shared';
import { translate } from './i18n';
import type { MessageKey } from './i18n/messages';

export const statusText = (r: Pick<ConversionRequestView, 'status'>, locale: Locale): string =>
  translate(locale, `conversion.status.${r.status}` as MessageKey);

export function handlerText(r: Pick<ConversionRequestView, 'handler'>, locale: Locale): string {
  const h = r.handler;
  if (h.kind === 'authority') return translate(locale, 'conversion.handler.authority', { district: h.district ?? '' });
  if (h.kind === 'provincial') return translate(locale, 'conversion.handler.provincial', { hotline: h.hotline ?? '' });
  if (!h.grid) return translate(locale, 'conversion.handler.communityUnknown');
  return translate(locale, 'conversion.handler.community', { grid: h.grid.name ?? h.grid.code });
}

export const byText = (by: string, locale: Locale): string => (by === 'authority' || by === 'community-worker' ? translate(locale, `conversion.by.${by}`) : by);

export function decisionText(r: Pick<ConversionRequestView, 'decision'>, locale: Locale): string | null {
  return r.decision ? translate(locale, 'conversion.decision', { by: byText(r.decision.by, locale), reason: r.decision.reason }) : null;
}
