import { describe, expect, it } from 'vitest';
import { isReasonCode } from './reasons';

describe('reason codes', () => {
  it('when an answer carries a check-in rule’s code, then it is recognised; a mark’s or a province’s code, or an inherited name, is not', () => {
    expect(isReasonCode('FEVER')).toBe(true);
    expect(isReasonCode('IDENTITY_UNVERIFIED')).toBe(true);
    for (const other of ['CLOSE_CONTACT', 'PROV_MONITOR', 'MARK_LIFTED', 'toString', '']) expect(isReasonCode(other)).toBe(false);
  });
});
