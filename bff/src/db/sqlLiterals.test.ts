import { describe, expect, it } from 'vitest';
import { hexLiteral, hexList, sqlTime } from './sqlLiterals';

describe('SQL literals', () => {
  it('a key given as hex becomes a hex literal; anything but lowercase hex is refused', () => {
    expect(hexLiteral('00ff')).toBe("X'00ff'");
    for (const bad of ['', '0', 'GG', '00FF', "00'); DROP TABLE persons; --", '00 ff']) expect(() => hexLiteral(bad)).toThrow(TypeError);
  });

  it('keys and times as the statements write them', () => {
    expect(hexList([Buffer.from([1, 2]), Buffer.from([255])])).toBe("X'0102',X'ff'");
    expect(sqlTime(new Date('2026-11-22T16:00:00.123+08:00'))).toBe("'2026-11-22 08:00:00.123'");
  });
});
