/**
 * Where the BFF must word something itself (bff/src/texts.ts: the printed card) and the app
 * words the same thing (miniprogram/src/i18n/text/), both say it alike
 * (docs/decisions/0017-one-home-for-wording.md). No server needed: the two packages' texts
 * side by side.
 */
import { RELATIONS, type Locale } from '@yima/shared';
import { filedByLine } from '@yima/bff/src/texts';
import { filedByWords } from '@yima/miniprogram/src/relationLabels';
import { describe, expect, it } from 'vitest';

const LOCALES: Locale[] = ['zh', 'en'];

describe('one wording, two readers', () => {
  it('when a card printed by a filer says who files for the holder, then it reads as the app’s paper page and relative’s code do', () => {
    for (const relation of RELATIONS)
      for (const relationText of relation === 'other' ? ['舅舅', null] : [null])
        for (const locale of LOCALES) {
          const filedBy = { name: '张*三', relation, relationText };
          expect(filedByLine(filedBy, locale), `${relation} ${relationText} ${locale}`).toBe(filedByWords(filedBy, locale));
        }
  });
});
