/** How tests and doses are worded on the code page and the records page (decision 0026). */
import type { CodeAnswer, Locale, NucleicAcidView } from '@yima/shared';
import { formatChinaRelative } from './format';
import { translate } from './i18n';
import type { MessageKey } from './i18n/messages';

type Latest = NonNullable<CodeAnswer['nucleicAcid']>;

/** "阴性 · 48小时内" / "Negative · within 48 h"; a positive result has no badge. */
export function latestResultLine(n: Latest, locale: Locale): string {
  const result = translate(locale, `records.result.${n.latest.result}` as MessageKey);
  if (n.latest.result === 'positive') return result;
  return `${result} · ${translate(locale, `records.badge.${n.badge ?? 'older'}` as MessageKey)}`;
}

/** Where a record came from: the region it was made in and the feed that sent it. */
export const sourceLine = (r: Pick<NucleicAcidView, 'region' | 'source'>, locale: Locale) =>
  translate(locale, 'records.source', { region: r.region, source: r.source });

export const sampledLine = (r: Pick<NucleicAcidView, 'sampledAt'>, now: Date, locale: Locale) =>
  translate(locale, 'records.sampledAt', { time: formatChinaRelative(new Date(r.sampledAt), now, locale) });
