import { View } from '@tarojs/components';
import { useMemo } from 'react';
import { QUIET_ZONE, qrLayout, qrMatrix } from './qrMatrix';

export interface QrCodeProps {
  text: string;
  /** Colour of the dark modules. */
  color: string;
  /** Edge length in CSS px; modules snap to whole pixels. */
  size: number;
  /** Greyed, e.g. when the token has expired offline. */
  faded?: boolean;
  /** The element id; 'qr' unless told (the paper code uses its own). */
  id?: string;
}

/**
 * A QR code drawn as plain Views (one per run of dark modules): no canvas and no platform
 * API, so it renders the same in WeChat and Alipay (docs/taro-build-notes.md). H5 uses
 * QrCode.h5.tsx, an SVG image, which the browser draws far faster than ~500 elements.
 */
export function QrCode({ text, color, size, faded, id = 'qr' }: QrCodeProps) {
  const matrix = useMemo(() => qrMatrix(text), [text]);
  const { cell, edge } = qrLayout(matrix.count, size);
  return (
    <View id={id} className='qr' style={{ position: 'relative', width: `${edge}px`, height: `${edge}px`, background: '#ffffff', opacity: faded ? 0.25 : 1 }}>
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
