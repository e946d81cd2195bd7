import type { CodeReasonView } from '@yima/shared';
import { describe, expect, it } from 'vitest';
import { heldOutlook, heldOutlookLine } from './heldOutlook';

const reason = (over: Partial<CodeReasonView>): CodeReasonView => ({
  source: 'checkin',
  color: 'red',
  reasonCode: 'CONTACT_CONFIRMED',
  params: {},
  note: '',
  setBy: 'self-declaration',
  effectiveAt: '2026-11-22T08:00:00.000Z',
  hotline: '12345',
  ...over,
});
const HELD = reason({ reasonCode: 'CHECKIN_HELD', params: { healthyDays: 2, needed: 14, greenOn: '2026-12-06' } });
const now = new Date('2026-11-24T02:00:00Z');

describe('when a held colour turns green', () => {
  it('when the check-in alone holds the colour, then the card says after how many days and on which day, in zh and en', () => {
    const o = heldOutlook({ reasons: [reason({}), HELD] });
    expect(o).toEqual({ healthyDays: 2, needed: 14, greenOn: '2026-12-06' });
    expect(heldOutlookLine(o!, now, 'zh')).toBe('连续健康打卡 14 天后（12月6日）转为绿码，已连续 2 天');
    expect(heldOutlookLine(o!, now, 'en')).toBe('Turns green after 14 consecutive days of healthy check-ins (6 Dec); 2 so far');
  });

  it('when nothing is held, or a mark or the province also keeps the colour, then no date is promised', () => {
    expect(heldOutlook({ reasons: [reason({})] })).toBeNull();
    expect(heldOutlook({ reasons: [reason({ source: 'mark:440105', reasonCode: 'CLOSE_CONTACT' }), reason({}), HELD] })).toBeNull();
    expect(heldOutlook({ reasons: [reason({}), reason({ reasonCode: 'CHECKIN_HELD', params: {} })] })).toBeNull();
  });
});
