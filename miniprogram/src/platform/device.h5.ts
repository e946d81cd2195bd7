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

/** Fetches `path` with the session and answers the bytes as a URL the page can show (an image)
 * or open; throws an Error whose message is the BFF's error code. */
export async function fileUrl(path: string, token: string): Promise<string> {
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
  return URL.createObjectURL(await res.blob());
}

/** Opens a file (a place's poster) in a window of its own and prints it; false when the
 * browser blocked the window. */
export function printFile(url: string): boolean {
  const win = window.open(url, '_blank');
  if (!win) return false;
  win.addEventListener('load', () => win.print());
  return true;
}

/** A desktop browser picks files (the place CSV import). */
export const canPickFiles = true;

/** Lets the person choose a text file and reads it (UTF-8); null when they chose none. */
export function pickTextFile(accept: string): Promise<{ name: string; text: string } | null> {
  return new Promise((resolve) => {
    const input = document.createElement('input');
    input.type = 'file';
    input.accept = accept;
    input.id = 'file-picker';
    input.style.display = 'none';
    input.addEventListener('change', () => {
      const file = input.files?.[0];
      input.remove();
      if (!file) return resolve(null);
      file.text().then(
        (text) => resolve({ name: file.name, text }),
        () => resolve(null),
      );
    });
    // Kept in the document until chosen, so a test (or assistive technology) can reach it.
    document.body.appendChild(input);
    input.click();
  });
}
