import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { maskIdNumber, maskName, maskPhone } from './mask';

describe('masking', () => {
  it.each([
    ['张三', '张*'],
    ['张小三', '张*三'],
    ['欧阳小明', '欧**明'],
    ['买买提·艾力', '买****力'],
    ['李', '*'],
  ])('when the name is %s, then it shows %s', (name, masked) => {
    expect(maskName(name)).toBe(masked);
  });

  it('when an ID number is masked, then the first 6 and last 4 remain and the length is kept', () => {
    expect(maskIdNumber('11010519491231002X')).toBe('110105********002X');
  });

  it('when a phone is masked, then it reads 138****5678', () => {
    expect(maskPhone('13812345678')).toBe('138****5678');
  });

  it('when any ID number is masked, then its date of birth never shows', () => {
    fc.assert(
      fc.property(fc.stringMatching(/^\d{17}[\dX]$/), (id) => {
        const masked = maskIdNumber(id);
        return masked.length === 18 && masked.slice(6, 14) === '********';
      }),
    );
  });
});
