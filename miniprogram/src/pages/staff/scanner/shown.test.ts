import { describe, expect, it } from 'vitest';
import { translate } from '../../../i18n';
import type { MessageKey } from '../../../i18n/messages';
import { scanWords } from './shown';

const words = (locale: 'zh' | 'en') => scanWords((key: MessageKey, params?: Record<string, string | number>) => translate(locale, key, params), locale);
const at = new Date('2026-11-26T08:00:00Z');
const result = {
  color: 'green',
  holder: { name: '张*' },
  issuer: null,
  allowed: true,
  verdict: { code: 'ALLOW', params: {} },
  testRequirement: null,
  kind: 'screen',
  verifiedOffline: false,
} as const;

describe('the scanner verdict', () => {
  it('when the BFF answers, then its verdict code is worded in the chosen language', () => {
    expect(words('zh').online(result, at)).toMatchObject({
      color: 'green',
      label: '绿码',
      holder: '张*',
      allowed: true,
      reason: '绿码：允许通行',
      offline: false,
    });
    expect(words('en').online(result, at).reason).toBe('Green: let them in');
  });

  it('when another region’s code is scanned, then its holder is named by the issuer, online and on the device', () => {
    const recognised = { ...result, holder: null, issuer: { id: 'gd', name: '穗康码' }, kind: 'recognised' } as const;
    expect(words('zh').online(recognised, at).holder).toBe('穗康码持码人');
    expect(words('en').online(recognised, at).holder).toBe('Holder of a 穗康码 code');
    const check = {
      ok: true,
      color: 'green',
      allowed: true,
      kind: 'recognised',
      tokenKind: 'screen',
      issuer: { id: 'gd', name: '穗康码', own: false },
      expiresAt: at,
      revocationsAsOf: null,
    } as const;
    expect(words('zh').fromOutcome({ type: 'offline', check, queued: true, storeFailed: false }, at, null).holder).toBe('穗康码持码人');
  });

  it('when the BFF refuses the code, then no colour, turned away, the problem named, and no offline lists', () => {
    expect(words('zh').fromOutcome({ type: 'refused', problem: 'CODE_EXPIRED' }, at, '2026-11-26T07:00:00Z')).toMatchObject({
      color: null,
      label: '已过期',
      allowed: false,
      problem: 'CODE_EXPIRED',
      offline: false,
      listsAsOf: null,
    });
  });

  it('when checked on the device, then no name, the lists’ age shown, and a paper code says its colour is from printing', () => {
    const check = {
      ok: true,
      color: 'green',
      allowed: true,
      kind: 'paper',
      tokenKind: 'paper',
      issuer: { id: 'yima', name: 'yima', own: true },
      expiresAt: at,
      revocationsAsOf: null,
    } as const;
    const shown = words('zh').fromOutcome({ type: 'offline', check, queued: true, storeFailed: false }, at, '2026-11-26T07:00:00Z');
    expect(shown).toMatchObject({ color: 'green', holder: '离线核验不显示姓名', offline: true, listsAsOf: '2026-11-26T07:00:00Z' });
    expect(shown.reason).toContain('（纸质码为打印时的颜色）');
    const refused = words('zh').fromOutcome({ type: 'offline', check: { ok: false, problem: 'NO_TRUST_LIST' }, queued: false, storeFailed: false }, at, null);
    expect(refused).toMatchObject({ color: null, allowed: false, offline: true, label: '无法离线核验' });
  });

  it('when the place requires a test, then a line under the colour says it is met with when sampled, or why not; none when it requires none', () => {
    expect(words('zh').online(result, at).requirement).toBeNull();
    // 08:00Z is 16:00 in China; sampled 60 hours before: 11月24日 04:00 China time.
    const stale = {
      ...result,
      allowed: false,
      verdict: { code: 'DENY_TEST_REQUIREMENT', params: { hours: 48 } },
      testRequirement: { hours: 48, verdict: 'TOO_OLD', sampledAt: '2026-11-23T20:00:00.000Z' },
    } as const;
    const shown = words('zh').online(stale, at);
    expect(shown.reason).toBe('核酸不符合本场所要求（需 48 小时内阴性）：请勿放行');
    expect(shown.requirement).toEqual({
      met: false,
      verdict: 'TOO_OLD',
      text: '不符合本场所要求：需 48 小时内核酸阴性，最近一次采样于 11月24日 04:00，已超过 48 小时',
    });
    expect(words('en').online(stale, at).requirement?.text).toContain('more than 48 hours ago');
    const met = { ...result, testRequirement: { hours: 48, verdict: 'MET', sampledAt: '2026-11-26T06:00:00.000Z' } } as const;
    expect(words('zh').online(met, at).requirement).toMatchObject({ met: true, text: '核酸 48 小时内阴性 ✓ 采样于 今天 14:00' });
    const none = { ...stale, testRequirement: { hours: 48, verdict: 'NO_RESULT', sampledAt: null } } as const;
    expect(words('zh').online(none, at).requirement?.text).toBe('不符合本场所要求：需 48 小时内核酸阴性，无核酸检测记录');
    // Another region's code: we hold no record, the guard checks their own app.
    expect(words('zh').online({ ...none, kind: 'recognised', holder: null, issuer: { id: 'gd', name: '穗康码' } }, at).requirement?.text).toContain('本人手机');
    const positive = { ...stale, testRequirement: { hours: 48, verdict: 'POSITIVE', sampledAt: '2026-11-26T06:00:00.000Z' } } as const;
    expect(words('zh').online(positive, at).requirement?.text).toBe('不符合本场所要求：核酸阳性（采样于 今天 14:00）');
  });
});
