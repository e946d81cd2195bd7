import { describe, expect, it } from 'vitest';
import { conversionRequestable, routeConversion } from './conversions';

const s = (source: string, color: string, stale = false) => ({ source, color, stale });

describe('routeConversion', () => {
  it.each([
    ['a declared red goes to the grid', [s('checkin', 'red')], { kind: 'community' }],
    ['the check-in first, even with a mark', [s('mark:110105', 'red'), s('checkin', 'yellow')], { kind: 'community' }],
    ['a mark alone: its district', [s('checkin', 'green'), s('mark:110105', 'yellow')], { kind: 'authority', district: '110105' }],
    ['the red mark among marks', [s('mark:110105', 'yellow'), s('mark:110106', 'red')], { kind: 'authority', district: '110106' }],
    ['a mark before the province', [s('provincial', 'red'), s('mark:110105', 'yellow')], { kind: 'authority', district: '110105' }],
    ['the province alone: the hotline', [s('checkin', 'green'), s('provincial', 'red')], { kind: 'provincial' }],
    ['another region: the hotline', [s('recognised:gd', 'yellow')], { kind: 'provincial' }],
    ['a stale source decides nothing', [s('provincial', 'red', true), s('checkin', 'green')], null],
    ['green: nothing to convert', [s('checkin', 'green')], null],
    ['nothing known', [], null],
  ])('%s', (_name, sources, want) => {
    expect(routeConversion(sources)).toEqual(want);
  });
});

describe('conversionRequestable', () => {
  it('needs yellow or red and no open request', () => {
    expect(conversionRequestable('red', null)).toBe(true);
    expect(conversionRequestable('yellow', { status: 'rejected' })).toBe(true);
    expect(conversionRequestable('yellow', { status: 'referred' })).toBe(true);
    expect(conversionRequestable('red', { status: 'pending' })).toBe(false);
    expect(conversionRequestable('red', { status: 'forwarded' })).toBe(false);
    expect(conversionRequestable('green', null)).toBe(false);
    expect(conversionRequestable('grey', null)).toBe(false);
  });
});
