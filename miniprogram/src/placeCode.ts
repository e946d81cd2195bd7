/**
 * Place codes (SPEC C6): the 10-character code on a place's poster. A poster's QR holds the
 * visit page's address (`…/#/pages/visit/index?p=<code>`); people may also type or paste the
 * bare code. Pure, so the parsing is tested on its own.
 */

const PLACE_CODE = /^[A-Za-z0-9]{10}$/;
/** `p=<code>` anywhere in a URL or query string, not followed by more code characters. */
const P_PARAM = /(?:^|[?&#/])p=([A-Za-z0-9]{10})(?![A-Za-z0-9])/;

export const isPlaceCode = (text: string): boolean => PLACE_CODE.test(text);

function decoded(text: string): string {
  try {
    return decodeURIComponent(text);
  } catch {
    return text;
  }
}

/**
 * The place code in what was scanned or typed: a bare code, a poster URL, or any text with
 * `p=<code>` (also URL-encoded once or twice, as WeChat passes a scanned link in `q`).
 * Null when there is none — e.g. a resident's health code was scanned by mistake.
 */
export function placeCodeFrom(text: string | null | undefined): string | null {
  if (!text) return null;
  let current = text.trim();
  for (let i = 0; i < 3; i += 1) {
    if (isPlaceCode(current)) return current;
    const match = P_PARAM.exec(current);
    if (match) return match[1];
    const next = decoded(current);
    if (next === current) break;
    current = next.trim();
  }
  return null;
}

/**
 * The place code a page was opened with: `p` (a poster's link or the in-app scan), else the
 * scanned link WeChat passes as `q` or Alipay as `qrCode` when the poster opens the
 * mini-program directly.
 */
export function placeCodeParam(params: Partial<Record<string, string>>): string | null {
  for (const key of ['p', 'q', 'qrCode']) {
    const value = params[key];
    if (!value) continue;
    const code = placeCodeFrom(value);
    if (code) return code;
  }
  return null;
}
