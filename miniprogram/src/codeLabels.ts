/**
 * Human labels for the machine names the BFF uses for code sources and actors:
 * 'checkin' → 健康打卡, 'provincial' → 省级平台, 'mark:110105' → 防疫部门 110105,
 * 'recognised:<issuer>' → 外地码 <issuer>; 'authority:110105#12' → 防疫部门 110105（操作员 12）;
 * 'community-worker:110105001#7' → 网格 110105001 的网格员（工号 7）.
 * Names the app does not know are shown as they are.
 */
import type { Locale } from '@yima/shared';
import { translate } from './i18n';
import type { MessageKey } from './i18n/messages';

type Kind = 'checkin' | 'provincial' | 'mark' | 'recognised' | 'local';

function parse(source: string): { kind: Kind; id: string } | null {
  const [kind, ...rest] = source.split(':');
  const id = rest.join(':');
  if ((kind === 'checkin' || kind === 'provincial' || kind === 'local') && !id) return { kind, id };
  if ((kind === 'mark' || kind === 'recognised') && id) return { kind, id };
  return null;
}

/** Who decided the colour / whose state a row is: the full name of a source. */
export function sourceLabel(source: string | null, locale: Locale): string {
  if (!source || source === 'none') return translate(locale, 'code.source.none');
  const p = parse(source);
  return p ? translate(locale, `code.source.${p.kind}` as MessageKey, { id: p.id }) : source;
}

/** "省级数据截至 昨天 16:00" / "provincial data as of 16:00 yesterday" (time already formatted). */
export function sourceAsOf(source: string, time: string, locale: Locale): string {
  const p = parse(source);
  const name = p ? translate(locale, `code.sourceShort.${p.kind}` as MessageKey, { id: p.id }) : source;
  // Chinese runs words together, but not a Chinese word and a code: "防疫部门 110105 数据截至".
  const sep = locale === 'zh' && /[0-9A-Za-z]$/.test(name) ? ' ' : '';
  return translate(locale, 'code.source.asOf', { source: name, sep, time });
}

/** Who set a state, made a change or looked: 'self-declaration', 'system', 'authority:<district>[#<operator>]',
 * 'provincial-platform[ <name>]', 'community-worker:<grid>#<staff>', 'admin#<staff>', or a name shown as it is. */
export function actorLabel(actor: string, locale: Locale): string {
  if (actor === 'self-declaration') return translate(locale, 'code.setBy.self-declaration');
  if (actor === 'relative-declaration') return translate(locale, 'code.setBy.relative-declaration');
  if (actor === 'system') return translate(locale, 'actor.system');
  const authority = /^authority:([^#]+)(?:#(.+))?$/.exec(actor);
  if (authority) {
    const [, district, operator] = authority;
    return operator ? translate(locale, 'actor.operator', { id: district, operator }) : translate(locale, 'code.source.mark', { id: district });
  }
  const worker = /^community-worker:([^#]+)#(.+)$/.exec(actor);
  if (worker) return translate(locale, 'actor.communityWorker', { grid: worker[1], operator: worker[2] });
  const admin = /^admin#(.+)$/.exec(actor);
  if (admin) return translate(locale, 'actor.admin', { operator: admin[1] });
  const provincial = /^provincial-platform(?:[\s:]+(.+))?$/.exec(actor);
  if (provincial) return provincial[1] ? `${translate(locale, 'code.source.provincial')} ${provincial[1]}` : translate(locale, 'code.source.provincial');
  return actor;
}
