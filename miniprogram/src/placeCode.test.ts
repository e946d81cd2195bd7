import { describe, expect, it } from 'vitest';
import { isPlaceCode, placeCodeFrom, placeCodeParam } from './placeCode';

describe('place codes', () => {
  it('when a bare code is typed, then it is taken as it is (spaces trimmed)', () => {
    expect(placeCodeFrom('Ab3dE5gH9k')).toBe('Ab3dE5gH9k');
    expect(placeCodeFrom('  Ab3dE5gH9k \n')).toBe('Ab3dE5gH9k');
    expect(isPlaceCode('Ab3dE5gH9k')).toBe(true);
  });

  it('when a poster URL is scanned or pasted, then its p parameter is the code', () => {
    expect(placeCodeFrom('https://yima.example.cn/#/pages/visit/index?p=Ab3dE5gH9k')).toBe('Ab3dE5gH9k');
    expect(placeCodeFrom('http://127.0.0.1:3000/#/pages/visit/index?x=1&p=Ab3dE5gH9k&y=2')).toBe('Ab3dE5gH9k');
    expect(placeCodeFrom('pages/visit/index?p=Ab3dE5gH9k')).toBe('Ab3dE5gH9k');
    expect(placeCodeFrom('p=Ab3dE5gH9k')).toBe('Ab3dE5gH9k');
  });

  it('when WeChat passes the scanned link URL-encoded, then the code is still found', () => {
    const link = 'https://yima.example.cn/#/pages/visit/index?p=Ab3dE5gH9k';
    expect(placeCodeFrom(encodeURIComponent(link))).toBe('Ab3dE5gH9k');
    expect(placeCodeFrom(encodeURIComponent(encodeURIComponent(link)))).toBe('Ab3dE5gH9k');
    expect(placeCodeParam({ q: encodeURIComponent(link) })).toBe('Ab3dE5gH9k');
    expect(placeCodeParam({ qrCode: link })).toBe('Ab3dE5gH9k');
    expect(placeCodeParam({ p: 'Ab3dE5gH9k', q: 'whatever' })).toBe('Ab3dE5gH9k');
  });

  it('when the text holds no place code, then there is none', () => {
    expect(placeCodeFrom('')).toBeNull();
    expect(placeCodeFrom(null)).toBeNull();
    expect(placeCodeFrom('Ab3dE5gH9')).toBeNull(); // 9 characters
    expect(placeCodeFrom('Ab3dE5gH9kX')).toBeNull(); // 11
    expect(placeCodeFrom('Ab3dE5-H9k')).toBeNull();
    expect(placeCodeFrom('https://x/#/pages/visit/index?p=Ab3dE5gH9kX')).toBeNull();
    expect(placeCodeFrom('https://x/?top=Ab3dE5gH9k')).toBeNull();
    expect(placeCodeFrom('YM:0123456789ABCDEFGHIJ')).toBeNull(); // a health code
    expect(placeCodeFrom('%E0%A4%A')).toBeNull(); // malformed escapes
    expect(placeCodeParam({})).toBeNull();
    expect(placeCodeParam({ p: 'nope' })).toBeNull();
  });
});
