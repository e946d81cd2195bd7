import { describe, expect, it } from 'vitest';
import { shownRelation, shownRelationValue } from './relationLabels';

describe('relation labels', () => {
  it('when the relation is a listed one, then it is worded in the reader’s language', () => {
    expect(shownRelation('child', '子女', 'en')).toBe('child');
    expect(shownRelation('parent', 'parent', 'zh')).toBe('父母');
    expect(shownRelationValue('grandparent', 'zh')).toBe('祖父母/外祖父母');
  });

  it('when the relation is "other" or already a label, then the given words are kept', () => {
    expect(shownRelation('other', '舅舅', 'en')).toBe('舅舅');
    expect(shownRelationValue('子女', 'en')).toBe('子女');
    expect(shownRelation('other', '', 'zh')).toBe('other');
  });
});
