/**
 * Relations as shown: the BFF sends a relation's machine name ('parent', …) and its label in
 * one language; the app words the listed ones in the reader's language (父母 / parent) and
 * keeps the filer's own words for "other" (舅舅) as they are.
 */
import { RELATIONS, relationLabel, type Locale, type Relation } from '@yima/shared';

const isListed = (value: string): value is Relation => (RELATIONS as readonly string[]).includes(value);

/** A relation given as machine name and the BFF's label, in `locale`. */
export function shownRelation(relation: string, label: string, locale: Locale): string {
  return isListed(relation) && relation !== 'other' ? relationLabel(relation, null, locale) : label || relation;
}

/** A relation given as one value that is either a machine name or already a label. */
export function shownRelationValue(value: string, locale: Locale): string {
  return shownRelation(value, value, locale);
}
