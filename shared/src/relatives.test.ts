import { describe, expect, it } from 'vitest';
import { checkFiling, otherFilerLabel } from './relatives';

describe('filing rules', () => {
  const filing = (personIds: string[]) => personIds.map((personId) => ({ personId }));
  it.each([
    ['a new person, under the limit', { filerPersonId: '1', personId: null, activeFilings: filing(['7']), limit: 10 }, null],
    ['a known person not yet filed', { filerPersonId: '1', personId: '8', activeFilings: filing(['7']), limit: 10 }, null],
    ['oneself', { filerPersonId: '1', personId: '1', activeFilings: [], limit: 10 }, 'self'],
    ['someone already filed', { filerPersonId: '1', personId: '7', activeFilings: filing(['7']), limit: 10 }, 'duplicate'],
    ['one over the limit', { filerPersonId: '1', personId: null, activeFilings: filing(['2', '3']), limit: 2 }, 'limit'],
    ['exactly at the limit but a duplicate', { filerPersonId: '1', personId: '3', activeFilings: filing(['2', '3']), limit: 2 }, 'duplicate'],
  ] as const)('%s → %s', (_case, f, expected) => {
    expect(checkFiling({ ...f, activeFilings: [...f.activeFilings] })).toBe(expected);
  });
});

describe('how filers are shown', () => {
  it('shows another filer by surname and one star only', () => {
    expect(otherFilerLabel('李小红')).toBe('李*');
    expect(otherFilerLabel('欧阳娜娜')).toBe('欧*');
    expect(otherFilerLabel('')).toBe('*');
  });
});
