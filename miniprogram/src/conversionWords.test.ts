import { describe, expect, it } from 'vitest';
import type { ConversionRequestView } from '@yima/shared';
import { decisionText, handlerText, statusText } from './conversionWords';

const request = (over: Partial<ConversionRequestView>): ConversionRequestView => ({
  id: '1',
  status: 'pending',
  color: 'red',
  reason: '勾错了选项',
  createdAt: '2026-11-27T02:00:00.000Z',
  byRelative: false,
  handler: { kind: 'community', grid: { code: '110105001001', name: '永安里社区' }, district: null, hotline: null },
  decision: null,
  ...over,
});

describe('conversion words', () => {
  it('names the handler: the grid, the district, the hotline', () => {
    expect(handlerText(request({}), 'zh')).toBe('处理方：永安里社区 网格员');
    expect(handlerText(request({ handler: { kind: 'authority', grid: null, district: '110105', hotline: null } }), 'en')).toBe(
      'Handled by: the 110105 authority that set the mark',
    );
    expect(handlerText(request({ handler: { kind: 'provincial', grid: null, district: null, hotline: '12345' } }), 'zh')).toContain('12345');
    expect(handlerText(request({ handler: { kind: 'community', grid: null, district: null, hotline: null } }), 'zh')).toContain('市级管理员');
  });

  it('words the status and the decision by role only', () => {
    expect(statusText(request({ status: 'approved' }), 'zh')).toBe('已通过');
    expect(decisionText(request({}), 'zh')).toBeNull();
    expect(
      decisionText(
        request({ status: 'approved', decision: { approve: true, reason: '确为误填', at: '2026-11-27T03:00:00.000Z', by: 'community-worker' } }),
        'zh',
      ),
    ).toBe('社区网格员的意见：确为误填');
  });
});
