import { describe, expect, it } from 'vitest';
import { normaliseName } from './name';

describe('normaliseName', () => {
  it.each([
    ['张三', '张三'],
    ['  欧阳 小明 ', '欧阳 小明'],
    ['买买提•艾力', '买买提·艾力'],
    ['Li Lei', 'Li Lei'],
  ])('when given %s, then it is accepted as %s', (raw, name) => {
    expect(normaliseName(raw)).toBe(name);
  });

  it.each(['张', '', '张3', '<script>', '·张三', 'a'.repeat(31), '张_三'])('when given %j, then it is refused', (raw) => {
    expect(normaliseName(raw)).toBeNull();
  });
});
