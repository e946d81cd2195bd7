import { describe, expect, it } from 'vitest';
import { messageGroups, messages } from './messages';

const placeholders = (text: string) => [...text.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();

/** Placeholders one language needs and the other does not, and why. */
const ONE_LANGUAGE_ONLY: Record<string, string> = {
  // Chinese runs words together except after a code ("防疫部门 110105 数据截至"): codeLabels.ts.
  sep: 'code.source.asOf',
};

describe('messages', () => {
  it('when the feature files are combined, then no key is defined by two of them (a later one would silently win)', () => {
    const owner = new Map<string, string>();
    for (const [feature, { zh }] of Object.entries(messageGroups)) {
      for (const key of Object.keys(zh)) {
        expect(owner.get(key), `${key} in ${feature} and ${owner.get(key)}`).toBeUndefined();
        owner.set(key, feature);
      }
    }
    expect(owner.size).toBe(Object.keys(messages.zh).length);
  });

  it('when a text is shown in either language, then both languages have it, non-empty, with the same {placeholders}', () => {
    expect(Object.keys(messages.en).sort()).toEqual(Object.keys(messages.zh).sort());
    for (const key of Object.keys(messages.zh) as (keyof typeof messages.zh)[]) {
      expect(messages.zh[key], key).not.toBe('');
      expect(messages.en[key], key).not.toBe('');
      const shared = (text: string) => placeholders(text).filter((p) => ONE_LANGUAGE_ONLY[p] !== key);
      expect(shared(messages.en[key]), key).toEqual(shared(messages.zh[key]));
    }
  });
});
