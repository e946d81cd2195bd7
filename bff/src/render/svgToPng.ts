/**
 * Print SVGs (posters, paper codes) to PNG with resvg (a Rust SVG renderer, prebuilt for the
 * platform, from the npm registry), on libuv's thread pool so a render never blocks requests.
 * Chinese text needs CJK fonts on the host: Debian's fonts-noto-cjk (the project's scripts
 * install it). Without them the PNG still carries the QR, and the SVG stays the reference.
 */
import { existsSync } from 'node:fs';
import { renderAsync } from '@resvg/resvg-js';

const CJK_FONTS = ['/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc', '/usr/share/fonts/opentype/noto/NotoSansCJK-Bold.ttc'].filter((f) =>
  existsSync(f),
);

export async function svgToPng(svg: string, widthPx: number): Promise<Buffer> {
  const rendered = await renderAsync(svg, {
    fitTo: { mode: 'width', value: widthPx },
    font: { fontFiles: CJK_FONTS, loadSystemFonts: CJK_FONTS.length === 0, defaultFontFamily: 'Noto Sans CJK SC' },
  });
  return rendered.asPng();
}
