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

/** A desktop browser saves files. */
export const canDownloadFiles = true;

/** Fetches `path` with the session (a plain link could not carry it: tokens stay out of URLs,
 * and so out of logs) and hands the browser the bytes to save as `filename`. A refusal throws
 * an Error whose message is the BFF's error code (NETWORK when there was no answer). */
export async function downloadFile(path: string, filename: string, token: string): Promise<boolean> {
  let res: Response;
  try {
    res = await fetch(YIMA_API_BASE + path, { headers: { authorization: `Bearer ${token}` } });
  } catch {
    throw new Error('NETWORK');
  }
  if (!res.ok) {
    const body = (await res.json().catch(() => null)) as { error?: { code?: string } } | null;
    throw new Error(body?.error?.code ?? 'default');
  }
  const url = URL.createObjectURL(await res.blob());
  const link = document.createElement('a');
  link.href = url;
  link.download = filename;
  document.body.appendChild(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
  return true;
}

/** A browser tab has no navigation bar: each page but home and login carries a back link. */
export const needsBackLink = true;
