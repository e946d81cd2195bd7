/** What the device can do in a browser: device.ts's questions, answered for H5. */

/** No camera scanning: codes are typed in. */
export const hasCameraScan = false;

/** Browsers give pages no way to keep the screen on (without the Wake Lock permission). */
export function keepScreenOn(): void {}

/** The browser's print dialog (printStyles.h5.ts lays the page out for paper). */
export function printPage(): boolean {
  window.print();
  return true;
}

/** The window's online event. */
export function onReconnect(onOnline: () => void): () => void {
  const listener = () => onOnline();
  window.addEventListener('online', listener);
  return () => window.removeEventListener('online', listener);
}
