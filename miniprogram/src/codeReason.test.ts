import { describe, expect, it } from 'vitest';
import { codeReason } from './codeReason';

const base = { source: 'checkin', setBy: 'self-declaration', hotline: '12345', note: '' };

describe('the words of a reason behind the colour', () => {
  it('when it is a check-in reason, then its text and what to do, in the chosen language', () => {
    expect(codeReason({ ...base, reasonCode: 'NO_CHECKIN' }, 'en')).toMatchObject({ text: 'No check-in yet', liftedBy: null });
    expect(codeReason({ ...base, reasonCode: 'FEVER' }, 'zh').guidance).toContain('发热门诊');
  });

  it('when a declared colour is still held, then how far the run of healthy check-ins is, when it turns green and whom to ask, in zh and en', () => {
    const held = { ...base, reasonCode: 'CHECKIN_HELD', params: { healthyDays: 3, needed: 14, greenOn: '2026-11-30' } };
    const now = new Date('2026-11-25T02:00:00Z');
    expect(codeReason(held, 'zh', now)).toEqual({
      text: '申报的情况仍在观察期：已连续健康打卡 3/14 天',
      guidance: '每天坚持健康打卡，连续 14 天后（11月30日）转为绿码；中断一天将重新计算。如申报有误，请联系所在社区或拨打 12345。',
      liftedBy: null,
    });
    expect(codeReason(held, 'en', now).text).toBe('Your declaration is still being watched: 3 of 14 consecutive healthy check-ins');
    expect(codeReason(held, 'en', now).guidance).toContain('after 14 days in a row (30 Nov) the code turns green');
  });

  it('when it is an authority mark, then its words with the note, how it is lifted and by whom', () => {
    const mark = {
      ...base,
      source: 'mark:440105',
      setBy: 'authority:440105',
      reasonCode: 'CLOSE_CONTACT',
      note: '同乘 K123 次列车',
      mark: { id: '7', legalBasis: '《传染病防治法》', district: '440105' },
    };
    expect(codeReason(mark, 'zh')).toMatchObject({ text: '密切接触者：同乘 K123 次列车', liftedBy: '440105 疫情防控部门（或其上级部门）' });
    expect(codeReason(mark, 'en').liftedBy).toBe('the 440105 epidemic-prevention authority (or one above it)');
  });

  it('when the provincial platform set it, then its own words and the hotline to contest it', () => {
    const prov = { ...base, source: 'provincial', setBy: '省健康码平台', reasonCode: 'PROV_MONITOR', note: '健康监测' };
    expect(codeReason(prov, 'zh')).toEqual({ text: '健康监测', guidance: '此状态由省级平台（省健康码平台）赋码；如有异议，请拨打 12345。', liftedBy: null });
    expect(codeReason({ ...prov, source: 'recognised:gd', note: '' }, 'en')).toMatchObject({ text: 'PROV_MONITOR', guidance: 'If you disagree, call 12345.' });
  });
});
