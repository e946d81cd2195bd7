import { describe, expect, it } from 'vitest';
import { actorLabel, sourceAsOf, sourceLabel } from './codeLabels';

describe('labels of code sources and actors', () => {
  it('when a source decided the colour, then it has a human name in both languages', () => {
    expect(sourceLabel('checkin', 'zh')).toBe('健康打卡');
    expect(sourceLabel('provincial', 'zh')).toBe('省级平台');
    expect(sourceLabel('mark:110105', 'zh')).toBe('防疫部门 110105');
    expect(sourceLabel('recognised:GD', 'zh')).toBe('外地码 GD');
    expect(sourceLabel('provincial', 'en')).toBe('Provincial platform');
    expect(sourceLabel('mark:110105', 'en')).toBe('Epidemic-prevention authority 110105');
    expect(sourceLabel(null, 'zh')).toBe('暂无任何来源的数据');
    expect(sourceLabel('none', 'en')).toBe('nothing known from any source yet');
    expect(sourceLabel('something-new', 'zh')).toBe('something-new');
  });

  it('when a source says how fresh it is, then the sentence reads naturally', () => {
    expect(sourceAsOf('provincial', '昨天 16:00', 'zh')).toBe('省级数据截至 昨天 16:00');
    expect(sourceAsOf('provincial', '16:00 yesterday', 'en')).toBe('provincial data as of 16:00 yesterday');
    expect(sourceAsOf('mark:110105', '今天 09:00', 'zh')).toBe('防疫部门 110105 数据截至 今天 09:00');
    expect(sourceAsOf('checkin', '今天 09:00', 'zh')).toBe('打卡数据截至 今天 09:00');
  });

  it('when an actor is named, then it reads as who acted', () => {
    expect(actorLabel('self-declaration', 'zh')).toBe('本人健康申报');
    expect(actorLabel('system', 'en')).toBe('Automatic update');
    expect(actorLabel('authority:110105#12', 'zh')).toBe('防疫部门 110105（操作员 12）');
    expect(actorLabel('authority:110105', 'en')).toBe('Epidemic-prevention authority 110105');
    expect(actorLabel('provincial-platform 省大数据中心', 'zh')).toBe('省级平台 省大数据中心');
    expect(actorLabel('某某中心', 'zh')).toBe('某某中心');
  });

  it('when someone looked at the record through a grid, then it says which grid’s worker, or an administrator', () => {
    expect(actorLabel('community-worker:110105001#7', 'zh')).toBe('网格 110105001 的网格员（工号 7）');
    expect(actorLabel('community-worker:110105001#7', 'en')).toBe('a community worker of grid 110105001 (staff no. 7)');
    expect(actorLabel('admin#3', 'zh')).toBe('系统管理员（工号 3）');
    expect(actorLabel('community-worker:110105001', 'zh')).toBe('community-worker:110105001');
  });
});
