import type { RoleGrant } from '@yima/shared';
import { describe, expect, it } from 'vitest';
import { PAPER_CODE_ACTIONS, paperCodesPolicy, verifiesAnyHolder } from './policy';

const actor = (...grants: RoleGrant[]) => ({ userId: 'u1', grants });

describe('who may verify and print a paper code', () => {
  it('names its actions', () => {
    expect(PAPER_CODE_ACTIONS).toEqual(['verifyPaperCode', 'printPaperCode']);
  });

  it.each([
    // who, grants, a stranger's code, the holder's or a filer's
    ['no grant', actor(), false, true],
    ['venue staff of any place', actor({ role: 'venue-staff', scope: 'v9' }), true, true],
    ['an admin', actor({ role: 'admin', scope: '*' }), true, true],
    ['an operator', actor({ role: 'operator', scope: '*' }), false, true],
    ['an authority', actor({ role: 'authority', scope: '110105' }), false, true],
  ])('verify, %s: a stranger’s %s, their own or a relative’s %s', (_who, a, stranger, own) => {
    expect(paperCodesPolicy.can(a, 'verifyPaperCode', { holderOrFiler: false })).toBe(stranger);
    expect(paperCodesPolicy.can(a, 'verifyPaperCode', { holderOrFiler: true })).toBe(own);
    expect(verifiesAnyHolder(a)).toBe(stranger);
  });

  const code = { ownerUserId: null, ownerVerified: false, issuedBy: 'u9', filerUserIds: [] as string[] };
  it.each([
    ['the verified holder', { ...code, ownerUserId: 'u1', ownerVerified: true }, true],
    ['the unverified holder, who issued it', { ...code, ownerUserId: 'u1', issuedBy: 'u1' }, true],
    ['the unverified holder, a relative issued it', { ...code, ownerUserId: 'u1' }, false],
    ['someone filing for the holder', { ...code, ownerUserId: 'u7', ownerVerified: true, filerUserIds: ['u8', 'u1'] }, true],
    ['who issued it, no longer filing', { ...code, issuedBy: 'u1' }, false],
    ['a stranger', { ...code, ownerUserId: 'u7', ownerVerified: true, filerUserIds: ['u8'] }, false],
  ])('print: %s → %s', (_who, resource, expected) => {
    expect(paperCodesPolicy.can(actor(), 'printPaperCode', resource)).toBe(expected);
    // No role prints someone else's card.
    if (!expected) expect(paperCodesPolicy.can(actor({ role: 'admin', scope: '*' }), 'printPaperCode', resource)).toBe(false);
  });
});
