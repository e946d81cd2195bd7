/** Pieces shared by the print-ready SVGs (place posters, paper codes). */
import QRCode from 'qrcode';

/** Text for an SVG element or attribute. */
export const escapeXml = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

/** Fonts a printer or viewer is likely to have for Chinese text, Noto first (what resvg loads). */
export const CJK_FONT_FAMILY = "'Noto Sans CJK SC','Source Han Sans SC','PingFang SC','Microsoft YaHei',sans-serif";

/** A QR (made with `qrcode`) as an <svg> element to nest at (x, y), `size` units square. */
export async function nestedQrSvg(text: string, at: { x: number; y: number; size: number }, errorCorrectionLevel: 'M' | 'Q'): Promise<string> {
  const qrSvg = await QRCode.toString(text, { type: 'svg', errorCorrectionLevel, margin: 2 });
  const inner = qrSvg.replace(/^<svg[^>]*>/, '').replace(/<\/svg>\s*$/, '');
  const viewBox = /viewBox="([^"]+)"/.exec(qrSvg)?.[1] ?? '0 0 41 41';
  return `<svg x="${at.x}" y="${at.y}" width="${at.size}" height="${at.size}" viewBox="${viewBox}" shape-rendering="crispEdges">${inner}</svg>`;
}
