/**
 * Where the BFF must word something itself (bff/src/texts.ts: the printed card, operators'
 * list of mark reasons) and the app words the same thing (miniprogram/src/i18n/text/), both
 * say it alike (docs/decisions/0017-one-home-for-wording.md). No server needed: the two
 * packages' texts side by side.
 */
import { MARK_REASON_CODES, RELATIONS, type Locale } from '@yima/shared';
import { filedByLine, MARK_REASON_NAMES } from '@yima/bff/src/texts';
import { translate } from '@yima/miniprogram/src/i18n';
import { filedByWords } from '@yima/miniprogram/src/relationLabels';
import { describe, expect, it } from 'vitest';

const LOCALES: Locale[] = ['zh', 'en'];

describe('one wording, two readers', () => {
  it('when operators list the mark reasons, then each is called what the app calls it, in both languages', () => {
    for (const code of MARK_REASON_CODES)
      for (const locale of LOCALES) expect(MARK_REASON_NAMES[code][locale], `${code} ${locale}`).toBe(translate(locale, `markReason.${code}.text`));
  });

  it('when a card printed by a filer says who files for the holder, then it reads as the app’s paper page and relative’s code do', () => {
    for (const relation of RELATIONS)
      for (const relationText of relation === 'other' ? ['舅舅', null] : [null])
        for (const locale of LOCALES) {
          const filedBy = { name: '张*三', relation, relationText };
          expect(filedByLine(filedBy, locale), `${relation} ${relationText} ${locale}`).toBe(filedByWords(filedBy, locale));
        }
  });
});
