/**
 * The print-ready paper code (SPEC C5): an A6 card (105 × 148 mm) as SVG — big QR (made with
 * `qrcode`), the colour at issue, the masked name, valid-until, who filed it and instructions,
 * worded in the language of the account that prints it (Chinese unless it chose English). Vector, so it prints sharp at any size; the PNG is the same card at 300 dpi
 * (render/svgToPng.ts).
 */
import type { Color, Locale } from '@yima/shared';
import { CJK_FONT_FAMILY, escapeXml, nestedQrSvg } from '../../render/printSvg';
import { svgToPng } from '../../render/svgToPng';

const COLOR_FILL: Record<Color, string> = { green: '#0f8a3c', yellow: '#e0a800', red: '#c8102e', grey: '#6b7280' };

/** The card's fixed texts, per language. */
const WORDING: Record<
  Locale,
  {
    header: string;
    color: Record<Color, string>;
    validUntil: (at: string) => string;
    filedBy: (name: string) => string;
    instructions: string[];
    issuer: (id: string) => string;
  }
> = {
  zh: {
    header: '健康码（纸质）',
    color: { green: '绿码', yellow: '黄码', red: '红码', grey: '暂无状态' },
    validUntil: (at) => `有效期至 ${at}（北京时间）`,
    filedBy: (name) => `由 ${name} 代办`,
    instructions: [
      '请出示此码供工作人员扫描核验。',
      '本码仅显示健康状态与姓名，不能登录，也不能查询个人信息。',
      '补打新码后旧码作废；颜色变差时本码自动作废，请重新打印。',
    ],
    issuer: (id) => `签发：${id}`,
  },
  en: {
    header: 'Health code (paper)',
    color: { green: 'Green', yellow: 'Yellow', red: 'Red', grey: 'No status' },
    validUntil: (at) => `Valid until ${at} (Beijing time)`,
    filedBy: (name) => `Filed by ${name}`,
    instructions: [
      // Shorter than the Chinese: Latin text takes more width at this size (≈ 55 characters a line).
      'Show this code to staff to scan and verify.',
      'Shows only health status and name; cannot log in.',
      'A reprint or a worse colour voids it: print anew.',
    ],
    issuer: (id) => `Issued by: ${id}`,
  },
};

export interface PrintCard {
  qr: string;
  color: Color;
  name: string;
  validUntil: string;
  /** The masked name of who files for the holder, or null. */
  filedBy: string | null;
  issuer: string;
  /** The language of the account that prints it. */
  locale: Locale;
}

export async function paperCodeSvg(c: PrintCard): Promise<string> {
  const w = WORDING[c.locale] ?? WORDING.zh;
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
    c.filedBy ? `<text x="52.5" y="119" font-size="3.6" text-anchor="middle" fill="#4e5969">${escapeXml(w.filedBy(c.filedBy))}</text>` : '',
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
