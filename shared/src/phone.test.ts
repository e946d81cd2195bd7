import { describe, expect, it } from 'vitest';
import { normalisePhone } from './phone';

describe('normalisePhone', () => {
  it.each([
    ['13800138000', '13800138000'],
    ['+86 138 0013 8000', '13800138000'],
    ['86-138-0013-8000', '13800138000'],
    ['19912345678', '19912345678'],
  ])('when given %s, then it becomes %s', (raw, phone) => {
    expect(normalisePhone(raw)).toBe(phone);
  });

  it.each(['1380013800', '138001380001', '12800138000', '23800138000', '1380013800a', '', '+1 138 0013 8000'])('when given %s, then it is refused', (raw) => {
    expect(normalisePhone(raw)).toBeNull();
  });
});
