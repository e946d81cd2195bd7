/** Pieces shared by the print-ready SVGs (place posters, paper codes). */
import QRCode from 'qrcode';

/**
 * What XML 1.0 cannot carry at all (NUL, BEL, ESC… , lone surrogates, U+FFFE/U+FFFF), plus
 * what would render misleadingly (DEL, C1 controls, bidi overrides and isolates). Input is
 * refused with INVALID_CHARACTERS since decision 0011, but rows written before that (or by a
 * path that skipped the contract) must still give a well-formed poster: each such character
 * prints as U+FFFD, visibly "something was here".
 */
// eslint-disable-next-line no-control-regex -- matching control characters is the point
const NOT_PRINTABLE = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F-\u009F\u202A-\u202E\u2066-\u2069\uD800-\uDFFF\uFFFE\uFFFF]/gu;

/** Text for an SVG element or attribute: always well-formed XML, whatever the string holds. */
export const escapeXml = (s: string) =>
  s.replace(NOT_PRINTABLE, '\uFFFD').replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;').replace(/'/g, '&apos;');

/** Fonts a printer or viewer is likely to have for Chinese text, Noto first (what resvg loads). */
export const CJK_FONT_FAMILY = "'Noto Sans CJK SC','Source Han Sans SC','PingFang SC','Microsoft YaHei',sans-serif";

/** A QR (made with `qrcode`) as an <svg> element to nest at (x, y), `size` units square. */
export async function nestedQrSvg(text: string, at: { x: number; y: number; size: number }, errorCorrectionLevel: 'M' | 'Q'): Promise<string> {
  const qrSvg = await QRCode.toString(text, { type: 'svg', errorCorrectionLevel, margin: 2 });
  const inner = qrSvg.replace(/^<svg[^>]*>/, '').replace(/<\/svg>\s*$/, '');
  const viewBox = /viewBox="([^"]+)"/.exec(qrSvg)?.[1] ?? '0 0 41 41';
  return `<svg x="${at.x}" y="${at.y}" width="${at.size}" height="${at.size}" viewBox="${viewBox}" shape-rendering="crispEdges">${inner}</svg>`;
}
