import { useDidShow } from '@tarojs/taro';
import { useEffect, useRef, useState } from 'react';
import { flushScanQueue, onReconnect, queuedScanCount, refreshOfflineLists } from '../../../services/scans';

/**
 * Scans checked offline wait on the device: this keeps their count, uploads them (on show,
 * on reconnect, after any answered scan) and refreshes the offline lists. `onUploaded` hears
 * how many went.
 */
export function useScanQueue(onUploaded: (n: number) => void) {
  const [queued, setQueued] = useState(() => queuedScanCount());
  const mounted = useRef(true);

  const flush = () =>
    flushScanQueue()
      .then((r) => {
        if (!mounted.current) return;
        setQueued(r.remaining);
        if (r.sent + r.refused > 0) onUploaded(r.sent + r.refused);
      })
      .catch(() => undefined);

  useDidShow(() => {
    setQueued(queuedScanCount());
    void refreshOfflineLists().then((ok) => ok && void flush());
  });

  /** The latest flush, for the reconnect listener subscribed once for the page's life. */
  const flushRef = useRef(flush);
  flushRef.current = flush;
  useEffect(() => {
    mounted.current = true;
    const stop = onReconnect(() => {
      void refreshOfflineLists();
      void flushRef.current();
    });
    return () => {
      mounted.current = false;
      stop();
    };
  }, []);

  return { queued, flush, recount: () => setQueued(queuedScanCount()) };
}
