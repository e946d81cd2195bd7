/**
 * The place poster (SPEC C6, 一址一码): print-ready A4 with the QR (made with `qrcode` on the
 * BFF) with the 10-character place code people type when their camera cannot read it, the
 * name and the address on two lines, the type and a short instruction. The QR holds
 * a URL that opens the visit page — in the H5 app directly, and in WeChat/Alipay through the
 * "scan an ordinary QR code to open the mini-program" rule registered for that URL prefix.
 * SVG is the print artefact; the PNG is the same page rendered at 150 dpi (render/svgToPng.ts).
 * Its words are in the BFF's one module of texts (texts.ts).
 */
import type { VenueType } from '@yima/shared';
import { CJK_FONT_FAMILY, escapeXml, nestedQrSvg } from '../../render/printSvg';
import { svgToPng } from '../../render/svgToPng';
import { PLACE_POSTER } from '../../texts';

export const placeUrl = (publicBase: string, placeCode: string) => `${publicBase.replace(/\/$/, '')}/#/pages/visit/index?p=${placeCode}`;

export async function posterSvg(v: { name: string; address: string; type: VenueType; url: string; placeCode: string; issuer: string }): Promise<string> {
  const qr = await nestedQrSvg(v.url, { x: 35, y: 48, size: 140 }, 'Q');
  return [
    `<svg xmlns="http://www.w3.org/2000/svg" width="210mm" height="297mm" viewBox="0 0 210 297" font-family="${CJK_FONT_FAMILY}">`,
    '<rect width="210" height="297" fill="#ffffff"/>',
    '<rect width="210" height="34" fill="#0f8a3c"/>',
    `<text x="105" y="22" font-size="13" text-anchor="middle" fill="#ffffff" font-weight="bold">${escapeXml(PLACE_POSTER.header)}</text>`,
    qr,
    // The code people type on the scan page when their camera cannot read the QR.
    `<text x="105" y="197" font-size="7" text-anchor="middle" fill="#1d2129" letter-spacing="0.6">${escapeXml(PLACE_POSTER.codeLabel)} <tspan font-family="monospace" font-weight="bold">${escapeXml(v.placeCode)}</tspan></text>`,
    `<text x="105" y="210" font-size="12" text-anchor="middle" font-weight="bold">${escapeXml(v.name)}</text>`,
    `<text x="105" y="224" font-size="7" text-anchor="middle" fill="#4e5969">${escapeXml(v.address)}</text>`,
    `<text x="105" y="236" font-size="6" text-anchor="middle" fill="#86909c">${escapeXml(PLACE_POSTER.type[v.type])}</text>`,
    ...PLACE_POSTER.instructions.map((line, i) => `<text x="105" y="${256 + i * 10}" font-size="6" text-anchor="middle">${escapeXml(line)}</text>`),
    `<text x="200" y="290" font-size="4" text-anchor="end" fill="#86909c">${escapeXml(v.issuer)}</text>`,
    '</svg>',
  ].join('\n');
}

/** The A4 poster at 150 dpi (1 240 × 1 754 px). */
export async function posterPng(v: Parameters<typeof posterSvg>[0]): Promise<Buffer> {
  return svgToPng(await posterSvg(v), 1240);
}
