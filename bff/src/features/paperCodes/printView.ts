/**
 * The print-ready paper code (SPEC C5): an A6 card (105 × 148 mm) as SVG — big QR (made with
 * `qrcode`), the colour at issue, the masked name, valid-until, who filed it and instructions,
 * worded in the language of the account that prints it (Chinese unless it chose English), from
 * the BFF's one module of texts (texts.ts). Vector, so it prints sharp at any size; the PNG is
 * the same card at 300 dpi (render/svgToPng.ts).
 */
import type { Color, Locale } from '@yima/shared';
import { CJK_FONT_FAMILY, escapeXml, nestedQrSvg } from '../../render/printSvg';
import { svgToPng } from '../../render/svgToPng';
import { filedByLine, PAPER_CARD, type CardFiledBy } from '../../texts';

const COLOR_FILL: Record<Color, string> = { green: '#0f8a3c', yellow: '#e0a800', red: '#c8102e', grey: '#6b7280' };

export interface PrintCard {
  qr: string;
  color: Color;
  name: string;
  validUntil: string;
  /** Who files for the holder (masked name and relation), when the printer is that filer. */
  filedBy: CardFiledBy | null;
  issuer: string;
  /** The language of the account that prints it. */
  locale: Locale;
}

export async function paperCodeSvg(c: PrintCard): Promise<string> {
  const w = PAPER_CARD[c.locale] ?? PAPER_CARD.zh;
  const qr = await nestedQrSvg(c.qr, { x: 12.5, y: 18, size: 80 }, 'M');
  // The QR's own <svg> nested at 80 mm, centred; everything in millimetres.
  const lines = [
    `<svg xmlns="http://www.w3.org/2000/svg" width="105mm" height="148mm" viewBox="0 0 105 148" font-family="${CJK_FONT_FAMILY}">`,
    '<rect width="105" height="148" fill="#ffffff"/>',
    `<rect x="0" y="0" width="105" height="14" fill="${COLOR_FILL[c.color]}"/>`,
    `<text x="52.5" y="9.5" font-size="6" text-anchor="middle" fill="#ffffff" font-weight="bold">${escapeXml(`${w.header} ${w.color[c.color]}`)}</text>`,
    qr,
    `<text x="52.5" y="106" font-size="7" text-anchor="middle" font-weight="bold">${escapeXml(c.name)}</text>`,
    `<text x="52.5" y="113" font-size="4.2" text-anchor="middle">${escapeXml(w.validUntil(c.validUntil))}</text>`,
    c.filedBy ? `<text x="52.5" y="119" font-size="3.6" text-anchor="middle" fill="#4e5969">${escapeXml(filedByLine(c.filedBy, c.locale))}</text>` : '',
    ...w.instructions.map((line, i) => `<text x="8" y="${127 + i * 5}" font-size="3.1" fill="#4e5969">${escapeXml(line)}</text>`),
    `<text x="97" y="145" font-size="2.6" text-anchor="end" fill="#86909c">${escapeXml(w.issuer(c.issuer))}</text>`,
    '</svg>',
  ];
  return lines.filter(Boolean).join('\n');
}

/** The A6 card at 300 dpi (1 240 × 1 748 px). */
export async function paperCodePng(c: PrintCard): Promise<Buffer> {
  return svgToPng(await paperCodeSvg(c), 1240);
}
