import { Image, View } from '@tarojs/components';
import { useMemo } from 'react';
import { QUIET_ZONE, qrLayout, qrMatrix } from './qrMatrix';
import type { QrCodeProps } from './QrCode';

/**
 * H5: the same symbol as one SVG path in a data-URI image (decoded in Chromium by the e2e
 * tests). Drawing ~500 absolutely placed elements took ~300 ms of the page's first paint.
 */
export function QrCode({ text, color, size, faded, id = 'qr' }: QrCodeProps) {
  const src = useMemo(() => {
    const matrix = qrMatrix(text);
    const side = matrix.count + 2 * QUIET_ZONE;
    const d = matrix.rows.flatMap((runs, r) => runs.map(([start, length]) => `M${start + QUIET_ZONE} ${r + QUIET_ZONE}h${length}v1h-${length}z`)).join('');
    const svg = `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 ${side} ${side}" shape-rendering="crispEdges"><rect width="${side}" height="${side}" fill="#fff"/><path fill="${color}" d="${d}"/></svg>`;
    return { uri: `data:image/svg+xml;charset=utf-8,${encodeURIComponent(svg)}`, count: matrix.count };
  }, [text, color]);
  const { edge } = qrLayout(src.count, size);
  return (
    <View id={id} className='qr' style={{ width: `${edge}px`, height: `${edge}px`, opacity: faded ? 0.25 : 1 }}>
      <Image src={src.uri} style={{ width: `${edge}px`, height: `${edge}px`, display: 'block' }} />
    </View>
  );
}
