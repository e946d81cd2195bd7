/** Scanning a place's poster with the camera (mini-programs; H5 has no camera API). */
import Taro from '@tarojs/taro';
import { placeCodeFrom } from './placeCode';

export type PlaceScan = { kind: 'place'; code: string } | { kind: 'other' } | { kind: 'cancelled' };

/**
 * Opens the camera and reads a place code from what it saw: the poster's link, or a
 * mini-program code whose `path` carries `p=<code>`. 'other' for anything else (e.g. a
 * resident's health code), 'cancelled' when the resident backed out or there is no camera.
 */
export async function scanPlaceCode(): Promise<PlaceScan> {
  let res: { result?: string; path?: string };
  try {
    res = await Taro.scanCode({});
  } catch {
    return { kind: 'cancelled' };
  }
  const code = placeCodeFrom(res.result) ?? placeCodeFrom(res.path);
  return code ? { kind: 'place', code } : { kind: 'other' };
}
