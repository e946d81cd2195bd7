/** One NDJSON line of a provincial batch, checked: a state to apply or the reason it is not. */
import { chinaDate, ID_PROBLEM_MESSAGES, parseIdNumber, type Color, type ErrorCode } from '@yima/shared';
import { unsafeCharIn } from '@yima/shared/text';
import { provincialLine } from '@yima/shared/contracts/merge';

export const MAX_LINE_BYTES = 2048;
/** A feed's clock may run a little ahead of ours; a state further in the future is refused. */
export const FUTURE_TOLERANCE_MS = 5 * 60_000;
/** No health code predates the first COVID-19 cases: an earlier effectiveAt is a sender's
 * error (and a year-0 time with an offset, year -1 in UTC, is no time the database can hold:
 * it failed the whole batch). */
const EARLIEST_EFFECTIVE_MS = Date.parse('2019-12-01T00:00:00+08:00');

export interface ValidLine {
  line: number;
  idNumber: string;
  color: Exclude<Color, 'grey'>;
  reasonCode: string;
  reasonText: string;
  setBy: string;
  effectiveAt: Date;
  version: number;
}

const KEYS = ['idNumber', 'color', 'reasonCode', 'reasonText', 'setBy', 'effectiveAt', 'version'];
const REASON_CODE = /^[A-Z0-9_]{1,40}$/;
const ISO_WITH_OFFSET = /^\d{4}-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])T([01]\d|2[0-3]):[0-5]\d:[0-5]\d(\.\d{1,3})?(Z|[+-]([01]\d|2[0-3]):[0-5]\d)$/;

const DAYS_IN_MONTH = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

/** Date.parse rolls 30 February over to March; the contract does not accept it. Arithmetic,
 * not a Date: it runs for every line of a million-line batch. */
function isCalendarDay(iso: string): boolean {
  const y = Number(iso.slice(0, 4));
  const m = Number(iso.slice(5, 7));
  const d = Number(iso.slice(8, 10));
  const leap = y % 4 === 0 && (y % 100 !== 0 || y % 400 === 0);
  return d <= (m === 2 && leap ? 29 : DAYS_IN_MONTH[m - 1]);
}

/**
 * The fast path for the common, well-formed line: a million-line batch spends most of its
 * CPU here, and the zod contract costs ~4 µs a line. It only ever accepts lines the contract
 * accepts (a property test checks this); anything it is unsure of goes to zod, which also
 * words the error.
 */
function plainLine(
  v: unknown,
): { idNumber: string; color: ValidLine['color']; reasonCode: string; reasonText: string; setBy: string; effectiveAt: string; version: number } | null {
  if (typeof v !== 'object' || v === null || Array.isArray(v)) return null;
  const o = v as Record<string, unknown>;
  let n = 0;
  for (const k in o) {
    if (!KEYS.includes(k)) return null;
    n++;
  }
  if (n !== KEYS.length) return null;
  const { idNumber, color, reasonCode, reasonText, setBy, effectiveAt, version } = o;
  if (typeof idNumber !== 'string' || idNumber.length > 32) return null;
  if (color !== 'green' && color !== 'yellow' && color !== 'red') return null;
  if (typeof reasonCode !== 'string' || !REASON_CODE.test(reasonCode)) return null;
  if (typeof reasonText !== 'string' || reasonText.length > 200 || reasonText !== reasonText.trim()) return null;
  if (typeof setBy !== 'string' || setBy.length < 1 || setBy.length > 60 || setBy !== setBy.trim()) return null;
  // Control characters and the like: zod refuses them and words why.
  if (unsafeCharIn(reasonText) !== null || unsafeCharIn(setBy) !== null) return null;
  if (typeof effectiveAt !== 'string' || !ISO_WITH_OFFSET.test(effectiveAt) || !isCalendarDay(effectiveAt)) return null;
  if (typeof version !== 'number' || !Number.isSafeInteger(version) || version < 1) return null;
  return { idNumber, color, reasonCode, reasonText, setBy, effectiveAt, version };
}

/** The code and wording of a line's first contract problem: the code a refinement names
 * (INVALID_ID_NUMBER, INVALID_RESULT…) or INVALID_LINE, and the field it is about. Every feed's
 * lines are reported this way. */
export function contractRefusal(error: { issues: readonly { code: string; path: readonly PropertyKey[]; message: string; params?: unknown }[] }): {
  code: ErrorCode;
  message: string;
} {
  const issue = error.issues[0];
  const code = ((issue.code === 'custom' && (issue.params as { code?: ErrorCode } | undefined)?.code) || 'INVALID_LINE') as ErrorCode;
  return { code, message: `${issue.path.map(String).join('.') || 'line'}: ${issue.message}` };
}

/** A line's text as JSON, or why not (too long, not JSON): the first check of every feed's lines. */
export function parseLineJson(text: string): { ok: true; json: unknown } | { ok: false; code: ErrorCode; message: string } {
  if (text.length > MAX_LINE_BYTES) return { ok: false, code: 'LINE_TOO_LONG', message: `a line may hold at most ${MAX_LINE_BYTES} characters` };
  try {
    return { ok: true, json: JSON.parse(text) };
  } catch {
    return { ok: false, code: 'INVALID_JSON', message: 'not a JSON object' };
  }
}

export type LineResult = { ok: true; value: ValidLine } | { ok: false; line: number; code: ErrorCode; message: string };

/** For the property test: whether the fast path takes a value. */
export const takenByFastPath = (v: unknown) => plainLine(v) !== null;
/** For the tests: whether a line's bytes are taken without decoding the whole line. */
export const bytesTakenByFastPath = (bytes: string) => plainLineOfBytes(bytes) !== null;

/** A refusal (a function of the module, not a closure made per line: tsx names every closure
 * it creates, which cost 3 % of a batch's reading). */
const refused = (line: number, code: ErrorCode, message: string): LineResult => ({ ok: false, line, code, message });

export function checkLine(text: string, line: number, now: Date, today = chinaDate(now)): LineResult {
  const read = parseLineJson(text);
  if (!read.ok) return refused(line, read.code, read.message);
  const json = read.json;
  let v = plainLine(json);
  if (!v) {
    const parsed = provincialLine.safeParse(json);
    if (!parsed.success) {
      const refusal = contractRefusal(parsed.error);
      return refused(line, refusal.code, refusal.message);
    }
    v = parsed.data;
  }
  return checkedFields(v, line, now, today);
}

/** The checks after the contract's: the ID number's own rules and the time's bounds. */
function checkedFields(v: NonNullable<ReturnType<typeof plainLine>>, line: number, now: Date, today: string): LineResult {
  const id = parseIdNumber(v.idNumber, today);
  if (!id.ok) return refused(line, 'INVALID_ID_NUMBER', ID_PROBLEM_MESSAGES[id.problem]);
  const effectiveAt = new Date(v.effectiveAt);
  if (Number.isNaN(effectiveAt.getTime())) return refused(line, 'INVALID_LINE', 'effectiveAt: not a real time');
  if (effectiveAt.getTime() < EARLIEST_EFFECTIVE_MS) return refused(line, 'INVALID_LINE', 'effectiveAt: must not be before 2019-12-01 (China)');
  if (effectiveAt.getTime() > now.getTime() + FUTURE_TOLERANCE_MS) return refused(line, 'FUTURE_EFFECTIVE_AT', 'effectiveAt is in the future');
  return {
    ok: true,
    value: { line, idNumber: id.idNumber, color: v.color, reasonCode: v.reasonCode, reasonText: v.reasonText, setBy: v.setBy, effectiveAt, version: v.version },
  };
}

/** Texts kept decoded: a batch repeats a handful across a million lines. Bounded in count and
 * in length (the longest text a line may carry, 200 characters of 3 bytes): a sender making every
 * text distinct and long would otherwise fill a reader thread with tens of MB. */
const TEXTS_KEPT = 1000;
const LONGEST_TEXT_KEPT_BYTES = 600;

/** What bytes given one char per byte (latin1) say as UTF-8. */
const utf8Of = (bytes: string) => Buffer.from(bytes, 'latin1').toString('utf8');

/** A feed's free text, from its bytes to what it says, kept for the next line. */
const textOfBytes = (() => {
  const cache = new Map<string, string>();
  return (bytes: string): string => {
    let text = cache.get(bytes);
    if (text === undefined) {
      text = utf8Of(bytes);
      if (bytes.length > LONGEST_TEXT_KEPT_BYTES) return text;
      if (cache.size >= TEXTS_KEPT) cache.clear();
      cache.set(bytes, text);
    }
    return text;
  };
})();

const NOT_ASCII = /[\u0080-\uffff]/;

/**
 * A line given as its bytes, one char per byte (a file read as latin1), checked exactly as
 * checkLine checks the line's UTF-8 text; `null` for a blank line. Why: decoding a million
 * lines of UTF-8 with Chinese texts into two-byte strings, then splitting and parsing those,
 * cost 3.7 s of a reader thread against 1.6 s as one-byte strings (measured here). The common
 * line has no escapes and its only non-ASCII bytes are inside its strings, which JSON.parse
 * then returns byte for byte: the two free texts are decoded (once per distinct text), and any
 * other field that is not ASCII leaves the fast path. Anything else — an escape, a line over
 * the limit, anything the fast path is unsure of — is decoded whole and goes through
 * checkLine, so every answer is the one the text would get.
 */
export function checkLineBytes(bytes: string, line: number, now: Date, today = chinaDate(now)): LineResult | null {
  const plain = plainLineOfBytes(bytes);
  if (plain) return checkedFields(plain, line, now, today);
  const text = utf8Of(bytes);
  if (text.trim() === '') return null;
  return checkLine(text, line, now, today);
}

function plainLineOfBytes(bytes: string): ReturnType<typeof plainLine> {
  // An escape is the whole line's decoder's to read; a line over the limit, its refusal's.
  if (bytes.length > MAX_LINE_BYTES || bytes.includes('\\')) return null;
  let json: unknown;
  try {
    json = JSON.parse(bytes);
  } catch {
    return null;
  }
  if (typeof json !== 'object' || json === null) return null;
  const o = json as Record<string, unknown>;
  // UTF-8 is self-synchronising: a text's bytes between its quotes decode as they would
  // within the whole line.
  if (typeof o.reasonText === 'string') o.reasonText = textOfBytes(o.reasonText);
  if (typeof o.setBy === 'string') o.setBy = textOfBytes(o.setBy);
  // The fast path's checks of colour, reason code and time accept ASCII only; the ID number's
  // is a length, so bytes there must not reach it.
  if (typeof o.idNumber === 'string' && NOT_ASCII.test(o.idNumber)) return null;
  return plainLine(o);
}
