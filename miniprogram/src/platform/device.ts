/**
 * What the device can do, in mini-programs (WeChat and Alipay alike). device.h5.ts replaces
 * this file in the H5 build (Taro picks the file by TARO_ENV), so pages and services ask
 * these questions instead of checking the platform themselves.
 */
import Taro from '@tarojs/taro';

/** `Taro.scanCode` opens the camera (H5 has none: codes are typed in). */
export const hasCameraScan = true;

/** Keeps the screen on while the page is shown (a place's screen at its door). */
export function keepScreenOn(): void {
  void Taro.setKeepScreenOn({ keepScreenOn: true }).catch(() => undefined);
}

/** Prints the page; false where printing is impossible (mini-programs: the page asks the
 * resident to save a screenshot instead). */
export function printPage(): boolean {
  return false;
}

/** Calls `onOnline` when the device reconnects (network status events). Returns the
 * unsubscribe. */
export function onReconnect(onOnline: () => void): () => void {
  const listener = (res: { isConnected: boolean }) => {
    if (res.isConnected) onOnline();
  };
  try {
    Taro.onNetworkStatusChange(listener);
  } catch {
    return () => undefined;
  }
  return () => {
    try {
      Taro.offNetworkStatusChange(listener);
    } catch {
      // Older base libraries have no off: the listener stays, which is harmless.
    }
  };
}

/** Files are saved from a desktop browser (the H5 build); a mini-program has no download
 * folder an operator would look in, so the page points them to the desktop instead. */
export const canDownloadFiles = false;

/** Saves what `path` answers as `filename`, sending the session; false where impossible. */
export async function downloadFile(_path: string, _filename: string, _token: string): Promise<boolean> {
  return false;
}

/** Mini-programs draw their own navigation bar with a back arrow: pages add none. */
export const needsBackLink = false;

/** Downloads `path` with the session to a temporary file the page can show (the poster's QR
 * as PNG: mini-programs draw PNG, not the SVG poster); throws an Error named by the BFF's code. */
export async function fileUrl(path: string, token: string): Promise<string> {
  let res: Taro.downloadFile.FileSuccessCallbackResult;
  try {
    res = await Taro.downloadFile({ url: YIMA_API_BASE + path, header: { authorization: `Bearer ${token}` } });
  } catch {
    throw new Error('NETWORK');
  }
  if (res.statusCode !== 200) throw new Error(res.statusCode === 404 ? 'NOT_FOUND' : 'default');
  return res.tempFilePath;
}

/** Mini-programs cannot print: the page sends the operator to a desktop browser. */
export function printFile(_url: string): boolean {
  return false;
}

/** Mini-programs offer no file picker for a CSV an operator keeps on a computer: the import
 * is done from the H5 build in a desktop browser (the page says so). */
export const canPickFiles = false;

export async function pickTextFile(_accept: string): Promise<{ name: string; text: string } | null> {
  return null;
}
