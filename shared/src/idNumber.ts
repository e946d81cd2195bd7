/**
 * Resident identity card numbers (GB 11643-1999): 6-digit region code, 8-digit date of birth,
 * 3-digit sequence, 1 check character (0-9 or X) computed with ISO 7064 MOD 11-2.
 */

const WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2] as const;
const CHECK_CHARS = '10X98765432';

/** Why an ID number was refused; each maps to a message the user can act on. */
export type IdNumberProblem = 'format' | 'region' | 'birthDate' | 'checkDigit';

/** What to tell the person who typed it, per problem. */
export const ID_PROBLEM_MESSAGES: Record<IdNumberProblem, string> = {
  format: 'idNumber must be 18 characters: 17 digits and a final digit or X',
  region: 'idNumber does not start with a valid region code',
  birthDate: 'idNumber holds an impossible date of birth',
  checkDigit: 'idNumber check digit does not match; please check for a typo',
};

export type IdNumberResult = { ok: true; idNumber: string; birthDate: string } | { ok: false; problem: IdNumberProblem };

/** The check character for the first 17 digits of an ID number. */
export function idCheckChar(first17: string): string {
  let sum = 0;
  for (let i = 0; i < 17; i++) sum += Number(first17[i]) * WEIGHTS[i];
  return CHECK_CHARS[sum % 11];
}

/**
 * Validates an 18-character ID number and returns it normalised (upper-case X).
 * `today` (YYYY-MM-DD) bounds the date of birth; pass it in so this stays pure.
 */
export function parseIdNumber(raw: string, today: string): IdNumberResult {
  const idNumber = raw.trim().toUpperCase();
  if (!/^\d{17}[\dX]$/.test(idNumber)) return { ok: false, problem: 'format' };
  // Province codes run from 11 (Beijing) to 82 (Macao); 00 and the like are never issued.
  const province = Number(idNumber.slice(0, 2));
  if (province < 11 || province > 82) return { ok: false, problem: 'region' };
  const y = Number(idNumber.slice(6, 10));
  const m = Number(idNumber.slice(10, 12));
  const d = Number(idNumber.slice(12, 14));
  const birthDate = `${idNumber.slice(6, 10)}-${idNumber.slice(10, 12)}-${idNumber.slice(12, 14)}`;
  if (y < 1900 || !isCalendarDate(y, m, d) || birthDate > today) {
    return { ok: false, problem: 'birthDate' };
  }
  if (idCheckChar(idNumber.slice(0, 17)) !== idNumber[17]) return { ok: false, problem: 'checkDigit' };
  return { ok: true, idNumber, birthDate };
}

function isCalendarDate(y: number, m: number, d: number): boolean {
  if (m < 1 || m > 12 || d < 1) return false;
  const date = new Date(Date.UTC(y, m - 1, d));
  return date.getUTCFullYear() === y && date.getUTCMonth() === m - 1 && date.getUTCDate() === d;
}

/** The last four characters, as residents type them for simple login. */
export function idLast4(idNumber: string): string {
  return idNumber.slice(-4).toUpperCase();
}
