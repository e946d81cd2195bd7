import { MARK_REASON_CODES, REASON_CODES } from '@yima/shared';
import { describe, expect, it } from 'vitest';
import { translate } from './index';

const LOCALES = ['zh', 'en'] as const;

describe('the reasons behind a colour, as the app words them', () => {
  it('when the BFF answers any check-in reason code, then the app has its text and what to do, in both languages', () => {
    for (const code of REASON_CODES)
      for (const locale of LOCALES) {
        expect(translate(locale, `reason.${code}.text`), `${code} ${locale}`).not.toMatch(/^reason\./);
        expect(translate(locale, `reason.${code}.guidance`).length, `${code} ${locale}`).toBeGreaterThan(10);
      }
    expect(translate('en', 'reason.FEVER.text')).toBe('Fever declared (≥ 37.3 °C)');
    expect(translate('zh', 'reason.IDENTITY_UNVERIFIED.guidance')).toContain('刷脸实名核验');
  });

  it('when the BFF answers any mark reason code, then the app has its name and how it is lifted, in both languages', () => {
    for (const code of MARK_REASON_CODES)
      for (const locale of LOCALES) {
        expect(translate(locale, `markReason.${code}.text`).length, `${code} ${locale}`).toBeGreaterThan(1);
        expect(translate(locale, `markReason.${code}.guidance`).length, `${code} ${locale}`).toBeGreaterThan(10);
      }
    expect(translate('zh', 'markReason.HIGH_RISK_ARRIVAL.text')).toBe('高风险地区来（返）人员');
    expect(translate('en', 'markReason.SECONDARY_CONTACT.text')).toBe('Contact of a close contact');
  });
});
