/**
 * Characters no free-text field of ours may hold (decision 0011). People type names,
 * addresses, notes and reasons; none of them needs:
 * - C0 controls (U+0000–U+001F) — except tab and line feed in fields that have lines — and
 *   DEL (U+007F): NUL, BEL, ESC… are illegal in XML 1.0 (a poster would not render), end C
 *   strings, and drive terminals that show logs or exports;
 * - C1 controls (U+0080–U+009F): invisible, and usually a sign of mis-decoded text;
 * - bidi embeddings, overrides and isolates (U+202A–U+202E, U+2066–U+2069): they reorder
 *   what a guard or an operator reads ("Trojan Source");
 * - lone surrogates (U+D800–U+DFFF not in a pair): not text at all; UTF-8 cannot carry them,
 *   so the database would silently store U+FFFD instead;
 * - the noncharacters U+FFFE and U+FFFF: illegal in XML 1.0.
 * Pure: the BFF checks with it (contracts/text.ts), the mini-program may check before sending.
 */

// With the `u` flag a class of surrogates matches only unpaired ones; paired ones are one
// code point outside the class.
// eslint-disable-next-line no-control-regex -- matching control characters is the point
const UNSAFE_SINGLE_LINE = /[\u0000-\u001F\u007F-\u009F\u202A-\u202E\u2066-\u2069\uD800-\uDFFF\uFFFE\uFFFF]/u;
// eslint-disable-next-line no-control-regex -- matching control characters is the point
const UNSAFE_MULTI_LINE = /[\u0000-\u0008\u000B-\u001F\u007F-\u009F\u202A-\u202E\u2066-\u2069\uD800-\uDFFF\uFFFE\uFFFF]/u;

/** The first character `text` must not hold, as "U+001B", or null when it is clean. */
export function unsafeCharIn(text: string, opts: { multiline?: boolean } = {}): string | null {
  const hit = (opts.multiline ? UNSAFE_MULTI_LINE : UNSAFE_SINGLE_LINE).exec(text)?.[0];
  return hit === undefined ? null : `U+${hit.charCodeAt(0).toString(16).toUpperCase().padStart(4, '0')}`;
}
