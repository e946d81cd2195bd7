/**
 * The words for one line of the colour history (GET /api/me/audit, a relative's audit): the
 * BFF answers a reason code and the free text people attached (`note`); the client words the
 * code in the chosen language (docs/decisions/0017-one-home-for-wording.md), with its params (a
 * run of healthy check-ins names its length). A mark's note and
 * the reason given for lifting it follow the code's words; a code the app does not know (a
 * provincial platform's own) shows the platform's words, or the code itself. A view of the
 * record (decision 0019) names the grid it was viewed through.
 */
import { HEALTHY_RUN_REASON, isConversionHistoryReason, isMarkReason, isReasonCode, isRecordView, type AuditEntry, type Locale } from '@yima/shared';
import { byText } from './conversionWords';
import { translate } from './i18n';

export function auditReason(e: Pick<AuditEntry, 'reasonCode' | 'note'> & { params?: AuditEntry['params'] }, locale: Locale): string {
  const withNote = (text: string) => (e.note ? translate(locale, 'audit.withNote', { text, note: e.note }) : text);
  if (isReasonCode(e.reasonCode)) return translate(locale, `reason.${e.reasonCode}.text`);
  if (isMarkReason(e.reasonCode)) return withNote(translate(locale, `markReason.${e.reasonCode}.text`));
  if (e.reasonCode === 'MARK_LIFTED') return withNote(translate(locale, 'audit.lifted'));
  if (e.reasonCode === HEALTHY_RUN_REASON) return translate(locale, 'audit.healthyRun', { days: e.params?.days ?? '' });
  // A conversion request's decision (decision 0022): who, as a role, and the decider's reason.
  if (isConversionHistoryReason(e.reasonCode))
    return withNote(
      translate(locale, `audit.conversion.${e.reasonCode}`, { by: byText(String(e.params?.by ?? ''), locale), district: String(e.params?.district ?? '') }),
    );
  if (e.reasonCode === 'NO_STATE') return e.note || translate(locale, 'code.source.none');
  // Someone looked at the record through a grid's dashboard: the grid by name (its code if it had none).
  if (isRecordView(e.reasonCode)) return translate(locale, `audit.viewed.${e.reasonCode}`, { grid: String(e.params?.scopeName || e.params?.scope || '') });
  return e.note || e.reasonCode;
}
