import { describe, expect, it } from 'vitest';
import { translate } from '../../../i18n';
import { checkinLine } from './checkinLine';

const zh = (key: Parameters<typeof translate>[1], params?: Record<string, string | number>) => translate('zh', key, params);
const en = (key: Parameters<typeof translate>[1], params?: Record<string, string | number>) => translate('en', key, params);
const AT = '2026-11-28T02:00:00.000Z';

describe('a resident’s check-in in one line', () => {
  it('says whether they checked in today, how long overdue, or that they never did', () => {
    expect(checkinLine({ lastAt: AT, today: true, overdue: false, overdueDays: 0 }, zh)).toBe('今日已打卡');
    expect(checkinLine({ lastAt: AT, today: false, overdue: false, overdueDays: 0 }, en)).toBe('Not checked in today');
    expect(checkinLine({ lastAt: AT, today: false, overdue: true, overdueDays: 2 }, zh)).toBe('今日未打卡 · 打卡逾期 2 天');
    expect(checkinLine({ lastAt: null, today: false, overdue: true, overdueDays: null }, zh)).toBe('从未打卡');
  });
});
