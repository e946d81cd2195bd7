/** A real name as on the ID card: 2–30 characters of CJK, Latin letters, the middle dot
 * used in minority and transliterated names (·), spaces between Latin words. */
export function normaliseName(raw: string): string | null {
  const name = raw.trim().replace(/\s+/g, ' ').replace(/[•・]/g, '·');
  const length = Array.from(name).length;
  if (length < 2 || length > 30) return null;
  return /^[\p{Script=Han}A-Za-z·' ]+$/u.test(name) && !/^[· ]|[· ]$/.test(name) ? name : null;
}
