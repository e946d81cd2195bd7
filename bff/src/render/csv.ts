/**
 * CSV text for spreadsheets (RFC 4180: CRLF line ends, every cell in double quotes, a double
 * quote doubled), safe to open in Excel, WPS or LibreOffice: a cell beginning with `=`, `+`,
 * `-`, `@`, tab or CR — also after leading spaces or line feeds, and in their full-width forms —
 * would be run as a formula (CSV injection, OWASP), so it is prefixed with
 * `'`, which spreadsheets take as "this is text" and do not show. A cell already beginning with
 * `'` gets one more, so dropping the first `'` of any cell that has one gives back the text
 * exactly (unneutralise; the property test round-trips through a CSV parser).
 *
 * Twenty lines of our own rather than csv-stringify: quoting is the easy part, and the
 * neutralisation — the part that matters — would be a cast hook of ours anyway.
 */

/** The characters a formula may begin with, after any leading whitespace (Excel and LibreOffice
 * skip spaces and line feeds before `=`), and their full-width forms (`＝＋－＠`, which some
 * Chinese spreadsheets read as the ASCII ones). */
const NEEDS_PREFIX = /^[\s\u3000]*[=+\-@\t\r'\uFF1D\uFF0B\uFF0D\uFF20]/;

/** The text a spreadsheet will show and never evaluate. */
export const neutralise = (text: string): string => (NEEDS_PREFIX.test(text) ? `'${text}` : text);

/** The text a cell held before neutralise. */
export const unneutralise = (text: string): string => (text.startsWith("'") ? text.slice(1) : text);

/** One cell: neutralised, quoted. Numbers too: every cell follows one rule (a negative number
 * would read as text; the statistics hold none). */
export const csvCell = (value: string | number): string => `"${neutralise(String(value)).replace(/"/g, '""')}"`;

export const csvRow = (cells: readonly (string | number)[]): string => cells.map(csvCell).join(',');

/** A whole file: one line per row, each ended by CRLF. */
export const toCsv = (rows: readonly (readonly (string | number)[])[]): string => rows.map((r) => `${csvRow(r)}\r\n`).join('');
