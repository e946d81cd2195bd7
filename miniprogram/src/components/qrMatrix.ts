/** The QR symbol as rows of dark runs, shared by the View-grid and SVG renderers. */
import QRCode from 'qrcode';

/** Light margin around the symbol, in modules: scanners need it (ISO/IEC 18004). */
export const QUIET_ZONE = 4;

export interface QrMatrix {
  /** Modules per side, without the quiet zone. */
  count: number;
  /** For each module row, its dark runs as [start column, length]. */
  rows: [number, number][][];
}

export function qrMatrix(text: string): QrMatrix {
  const { modules } = QRCode.create(text, { errorCorrectionLevel: 'M' });
  const rows = Array.from({ length: modules.size }, (_, r) => {
    const runs: [number, number][] = [];
    let start = -1;
    for (let col = 0; col <= modules.size; col++) {
      const dark = col < modules.size && modules.data[r * modules.size + col] === 1;
      if (dark && start < 0) start = col;
      if (!dark && start >= 0) {
        runs.push([start, col - start]);
        start = -1;
      }
    }
    return runs;
  });
  return { count: modules.size, rows };
}

/** Whole-pixel module size and edge length for a target size in CSS px. */
export function qrLayout(count: number, size: number): { cell: number; edge: number } {
  const cell = Math.max(1, Math.floor(size / (count + 2 * QUIET_ZONE)));
  return { cell, edge: cell * (count + 2 * QUIET_ZONE) };
}
