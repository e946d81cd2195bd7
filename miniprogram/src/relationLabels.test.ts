import { describe, expect, it } from 'vitest';
import { filedByWords, relationWords } from './relationLabels';

describe('relation labels', () => {
  it('when the relation is a listed one, then it is worded in the reader’s language', () => {
    expect(relationWords('child', null, 'en')).toBe('child');
    expect(relationWords('parent', null, 'zh')).toBe('父母');
    expect(relationWords('grandparent', null, 'zh')).toBe('祖父母/外祖父母');
  });

  it('when the relation is "other", then the filer’s own words are kept as written, else the listed word', () => {
    expect(relationWords('other', '舅舅', 'en')).toBe('舅舅');
    expect(relationWords('other', null, 'zh')).toBe('其他');
  });
});

describe('who files for a holder', () => {
  it('when the holder was filed as the filer’s parent, then the filer is named as the holder’s child, in either language', () => {
    const filedBy = { name: '张*三', relation: 'parent', relationText: null } as const;
    expect(filedByWords(filedBy, 'zh')).toBe('由 张*三（持码人的子女）代办');
    expect(filedByWords(filedBy, 'en')).toBe("Filed by 张*三, the holder's child");
  });

  it('when the holder was filed as the filer’s child or grandparent, then the filer is their parent or grandchild', () => {
    expect(filedByWords({ name: '李*', relation: 'child', relationText: null }, 'zh')).toBe('由 李*（持码人的父母）代办');
    expect(filedByWords({ name: '李*', relation: 'grandparent', relationText: null }, 'en')).toBe("Filed by 李*, the holder's grandchild");
    expect(filedByWords({ name: '李*', relation: 'spouse', relationText: null }, 'en')).toBe("Filed by 李*, the holder's spouse");
  });

  it('when the relation is the filer’s own words, then they say what the holder is to the filer; without them, only the name', () => {
    expect(filedByWords({ name: '王*', relation: 'other', relationText: '舅舅' }, 'zh')).toBe('由 王* 代办（持码人是 TA 的舅舅）');
    expect(filedByWords({ name: '王*', relation: 'other', relationText: '舅舅' }, 'en')).toBe('Filed by 王* (the holder is their 舅舅)');
    expect(filedByWords({ name: '王*', relation: 'other', relationText: null }, 'en')).toBe('Filed by 王*');
  });
});
