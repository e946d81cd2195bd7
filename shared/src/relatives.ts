/**
 * Filing for relatives (SPEC C5, seeds 000/003/004: 为他人代办, 新增家属): the relationships a
 * filer may declare, and how other filers of the same person are shown — only as "张*", so a
 * filing never tells one family member more about another than their surname.
 */
export const RELATIONS = ['parent', 'child', 'spouse', 'grandparent', 'other'] as const;
/** What the relative is to the filer ("TA 是您的父母": `parent`), as declared when filing. The
 * other way round (what the filer is to the relative) is the client's wording to choose; for
 * `other` the filer's own words (`relationText`, e.g. 舅舅) say it, in whatever language they
 * were written. */
export type Relation = (typeof RELATIONS)[number];

/** Another filer of the same person, as the list shows them: the surname and one star. */
export function otherFilerLabel(name: string): string {
  const first = Array.from(name.trim())[0];
  return first ? `${first}*` : '*';
}

/** Why a filing is refused, before anything is written. */
export type FilingProblem = 'self' | 'duplicate' | 'limit';

export function checkFiling(f: {
  filerPersonId: string | null;
  personId: string | null;
  activeFilings: { personId: string }[];
  limit: number;
}): FilingProblem | null {
  if (f.personId && f.filerPersonId === f.personId) return 'self';
  if (f.personId && f.activeFilings.some((a) => a.personId === f.personId)) return 'duplicate';
  if (f.activeFilings.length >= f.limit) return 'limit';
  return null;
}

/**
 * How an attempt to file for someone ended, as recorded in `filing_attempts` and shown to
 * that person once they have an account (issue 10: every attempt is audited).
 */
export const FILING_OUTCOMES = ['filed', 'name-mismatch', 'has-own-account', 'too-many-attempts', 'already-filed', 'filer-limit', 'self'] as const;
export type FilingOutcome = (typeof FILING_OUTCOMES)[number];
