import { describe, expect, it } from 'vitest';
import { auditReason } from './auditReason';
import { translate } from './i18n';

describe('the words of a colour-history line', () => {
  it('when the reason is a check-in reason, then its text in the chosen language', () => {
    expect(auditReason({ reasonCode: 'FEVER', note: '' }, 'zh')).toBe('申报发热（体温 ≥ 37.3℃）');
    expect(auditReason({ reasonCode: 'CHECKIN_OVERDUE', note: '' }, 'en')).toBe('No check-in for over 3 days');
  });

  it('when a mark was set or lifted, then its words followed by the note people wrote', () => {
    expect(auditReason({ reasonCode: 'CLOSE_CONTACT', note: '同乘 K123 次列车' }, 'zh')).toBe('密切接触者：同乘 K123 次列车');
    expect(auditReason({ reasonCode: 'CLOSE_CONTACT', note: '' }, 'en')).toBe('Close contact');
    expect(auditReason({ reasonCode: 'MARK_LIFTED', note: '隔离期满，检测阴性' }, 'zh')).toBe('标记已解除：隔离期满，检测阴性');
    expect(auditReason({ reasonCode: 'MARK_LIFTED', note: 'tests negative' }, 'en')).toBe('Mark lifted: tests negative');
  });

  it('when a run of healthy check-ins lowered a declared colour, then the run and its length, in zh and en', () => {
    expect(auditReason({ reasonCode: 'CHECKIN_HEALTHY_RUN', params: { days: 14 }, note: '' }, 'zh')).toBe('连续 14 天健康打卡');
    expect(auditReason({ reasonCode: 'CHECKIN_HEALTHY_RUN', params: { days: 7 }, note: '' }, 'en')).toBe('7 consecutive days of healthy check-ins');
  });

  it('when the code is not the app’s (a provincial one), then the platform’s words, or the code', () => {
    expect(auditReason({ reasonCode: 'PROV_MONITOR', note: '健康监测' }, 'en')).toBe('健康监测');
    expect(auditReason({ reasonCode: 'PROV_X', note: '' }, 'zh')).toBe('PROV_X');
  });

  it('when someone looked at the record through a grid, then it names the grid (by its code when it has no name)', () => {
    const view = { reasonCode: 'VIEWED_BY_COMMUNITY_WORKER', note: '', params: { scope: '110105001', scopeName: '建外街道' } };
    expect(auditReason(view, 'zh')).toBe('建外街道的网格员查看了健康码信息');
    expect(auditReason(view, 'en')).toBe('Viewed by a community worker of 建外街道');
    expect(auditReason({ ...view, params: { scope: '110105001', scopeName: '' } }, 'zh')).toBe('110105001的网格员查看了健康码信息');
    expect(auditReason({ ...view, reasonCode: 'VIEWED_BY_ADMIN' }, 'zh')).toBe('管理员通过网格「建外街道」查看了健康码信息');
  });

  it('words a conversion decision with the role and the decider’s reason', () => {
    expect(auditReason({ reasonCode: 'CONVERSION_APPROVED', params: { by: 'community-worker' }, note: '确为误填' }, 'zh')).toBe(
      translate('zh', 'audit.withNote', { text: '社区网格员通过了转码申请', note: '确为误填' }),
    );
    expect(auditReason({ reasonCode: 'CONVERSION_FORWARDED', params: { by: 'community-worker', district: '110105' }, note: '' }, 'en')).toContain(
      '110105 authority',
    );
  });
});
