import { View } from '@tarojs/components';
import QRCode from 'qrcode';
import { useMemo } from 'react';

/** Light margin around the symbol, in modules: scanners need it (ISO/IEC 18004). */
const QUIET_ZONE = 4;

interface QrCodeProps {
  text: string;
  /** Colour of the dark modules. */
  color: string;
  /** Edge length in CSS px; modules snap to whole pixels. */
  size: number;
  /** Greyed and struck through, e.g. when the token has expired offline. */
  faded?: boolean;
}

/** Dark runs of each module row: [start, length]. */
function rowRuns(data: Uint8Array, size: number, row: number): [number, number][] {
  const runs: [number, number][] = [];
  let start = -1;
  for (let col = 0; col <= size; col++) {
    const dark = col < size && data[row * size + col] === 1;
    if (dark && start < 0) start = col;
    if (!dark && start >= 0) {
      runs.push([start, col - start]);
      start = -1;
    }
  }
  return runs;
}

/**
 * A QR code drawn as plain Views (one per run of dark modules): no canvas and no platform
 * API, so it renders the same in WeChat, Alipay and H5 (../shared/TARO-NOTES.md).
 */
export function QrCode({ text, color, size, faded }: QrCodeProps) {
  const matrix = useMemo(() => {
    const { modules } = QRCode.create(text, { errorCorrectionLevel: 'M' });
    const rows = Array.from({ length: modules.size }, (_, r) => rowRuns(modules.data, modules.size, r));
    return { count: modules.size, rows };
  }, [text]);
  const cell = Math.max(1, Math.floor(size / (matrix.count + 2 * QUIET_ZONE)));
  const edge = cell * (matrix.count + 2 * QUIET_ZONE);
  return (
    <View
      id='qr'
      className='qr'
      style={{ position: 'relative', width: `${edge}px`, height: `${edge}px`, background: '#ffffff', opacity: faded ? 0.25 : 1 }}
      data-modules={matrix.count}
    >
      {matrix.rows.map((runs, r) =>
        runs.map(([start, length]) => (
          <View
            key={`${r}-${start}`}
            style={{
              position: 'absolute',
              left: `${(start + QUIET_ZONE) * cell}px`,
              top: `${(r + QUIET_ZONE) * cell}px`,
              width: `${length * cell}px`,
              height: `${cell}px`,
              background: color,
            }}
          />
        )),
      )}
    </View>
  );
}
