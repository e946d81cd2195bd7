/**
 * The words for one reason behind a code's colour (GET /api/me/code, a relative's code): the
 * BFF answers a reason code, the free text people attached (`note`), the hotline and, for a
 * mark, its district; the client words them in the chosen language, from i18n/text/reasons.ts
 * (docs/decisions/0017-one-home-for-wording.md), filling in the reason's `params` (a held
 * colour's days and the day it turns green). A code the app does not know (a provincial
 * platform's own) shows the platform's words, or the code itself.
 */
import { isMarkReason, isReasonCode, type CodeReasonView, type Locale } from '@yima/shared';
import { formatChinaDay } from './format';
import { translate } from './i18n';

export interface ReasonWords {
  text: string;
  guidance: string;
  /** For a mark: who can lift it. */
  liftedBy: string | null;
}

export function codeReason(
  r: Pick<CodeReasonView, 'source' | 'reasonCode' | 'note' | 'setBy' | 'hotline' | 'mark'> & { params?: CodeReasonView['params'] },
  locale: Locale,
  now = new Date(),
): ReasonWords {
  if (isReasonCode(r.reasonCode)) {
    const code = r.reasonCode;
    const params: Record<string, string | number> = { ...r.params, hotline: r.hotline };
    if (typeof params.greenOn === 'string') params.greenOn = formatChinaDay(params.greenOn, now, locale);
    return { text: translate(locale, `reason.${code}.text`, params), guidance: translate(locale, `reason.${code}.guidance`, params), liftedBy: null };
  }
  const liftedBy = r.mark ? translate(locale, 'code.mark.liftedByDistrict', { district: r.mark.district }) : null;
  if (isMarkReason(r.reasonCode)) {
    const text = translate(locale, `markReason.${r.reasonCode}.text`);
    const guidance = translate(locale, `markReason.${r.reasonCode}.guidance`);
    return { text: r.note ? translate(locale, 'audit.withNote', { text, note: r.note }) : text, guidance, liftedBy };
  }
  const guidance =
    r.source === 'provincial'
      ? translate(locale, 'code.guidance.provincial', { setBy: r.setBy, hotline: r.hotline })
      : translate(locale, 'code.guidance.contest', { hotline: r.hotline });
  return { text: r.note || r.reasonCode, guidance, liftedBy };
}
