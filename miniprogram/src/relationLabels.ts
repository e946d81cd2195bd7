/**
 * Relations as shown (docs/decisions/0017-one-home-for-wording.md): the BFF answers the relation
 * as declared — what the relative is to the filer ('parent', …) — and, for 'other', the filer's
 * own words (舅舅), which are shown as written in any language. The app words the rest.
 */
import type { Locale, Relation } from '@yima/shared';
import { translate } from './i18n';

/** What the relative is to the filer: 父母 / parent, or the filer's own words for "other". */
export function relationWords(relation: Relation, relationText: string | null, locale: Locale): string {
  return relation === 'other' && relationText ? relationText : translate(locale, `relation.${relation}`);
}

/**
 * Who files for a holder, on a relative's code and the paper code: what the filer is to the
 * holder, the other way round from the stored relation (filed as the filer's parent: filed by
 * the holder's child), so it reads the same to the filer, the holder and a guard. For "other"
 * the filer's words can only say what the holder is to them.
 */
export function filedByWords(f: { name: string; relation: Relation; relationText: string | null }, locale: Locale): string {
  if (f.relation !== 'other') return translate(locale, `filedBy.${f.relation}`, { name: f.name });
  return f.relationText ? translate(locale, 'filedBy.other', { name: f.name, relation: f.relationText }) : translate(locale, 'filedBy.plain', { name: f.name });
}
