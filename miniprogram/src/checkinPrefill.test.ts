import { describe, expect, it } from 'vitest';
import type { CheckinHistoryEntry, CheckinRequest } from '@yima/shared';
import { ownPrefill, recalledAddress, withAddress } from './checkinPrefill';

const answers = (detail: string, community?: string): CheckinRequest => ({
  temperature: 'normal',
  symptoms: [],
  visitedAreas: [],
  contact: 'none',
  address: { district: '110105', detail, ...(community ? { community } : {}) },
});
const entry = (day: string, detail: string): CheckinHistoryEntry => ({
  day,
  color: 'green',
  reasons: [],
  checkedInAt: `${day}T02:00:00.000Z`,
  answers: answers(detail),
});

describe("the resident's own check-in form", () => {
  it("when there is a check-in today, then all of today's answers are loaded to edit", () => {
    expect(ownPrefill([entry('2026-11-26', '今天 1 号'), entry('2026-11-25', '昨天 2 号')], '2026-11-26')).toEqual({
      kind: 'today',
      answers: answers('今天 1 号'),
    });
  });

  it('when the latest check-in is from an earlier day, then only its address is carried over', () => {
    expect(ownPrefill([entry('2026-11-20', '旧 3 号'), entry('2026-11-24', '新 4 号')], '2026-11-26')).toEqual({
      kind: 'address',
      address: { district: '110105', detail: '新 4 号' },
    });
  });

  it('when there is no check-in, then the form starts empty', () => {
    expect(ownPrefill([], '2026-11-26')).toBeNull();
  });
});

describe("a relative's remembered address", () => {
  it('when an address was sent for a relative, then it is recalled for that relative only, with its community', () => {
    const stored = withAddress(null, 'dep-1', { district: '110105', community: '110105001', detail: '幸福路 1 号' });
    expect(recalledAddress(stored, 'dep-1')).toEqual({ district: '110105', community: '110105001', detail: '幸福路 1 号' });
    expect(recalledAddress(stored, 'dep-2')).toBeNull();
  });

  it("when a second address is sent, then it replaces the first for that relative and leaves the others'; removing forgets one", () => {
    let stored = withAddress(null, 'dep-1', { district: '110105', detail: '幸福路 1 号' });
    stored = withAddress(stored, 'dep-2', { district: '110101', detail: '东四 2 号' });
    stored = withAddress(stored, 'dep-1', { district: '110102', detail: '西单 3 号' });
    expect(recalledAddress(stored, 'dep-1')).toEqual({ district: '110102', detail: '西单 3 号' });
    expect(recalledAddress(stored, 'dep-2')).toEqual({ district: '110101', detail: '东四 2 号' });
    stored = withAddress(stored, 'dep-2', null);
    expect(Object.keys(stored)).toEqual(['dep-1']);
  });

  it('when what is stored is not an address (an older version, a damaged value), then nothing is recalled and it is dropped on the next write', () => {
    const damaged = {
      'dep-1': { district: '朝阳', detail: 'x' },
      'dep-2': 'text',
      'dep-3': { district: '110105', detail: ' ' },
      'dep-4': { district: '110105', detail: 'a', community: '110101001' },
    };
    for (const id of Object.keys(damaged)) expect(recalledAddress(damaged, id)).toBeNull();
    expect(recalledAddress('not a map', 'dep-1')).toBeNull();
    expect(recalledAddress(null, 'toString')).toBeNull();
    expect(withAddress(damaged, 'dep-5', { district: '110105', detail: '幸福路 1 号' })).toEqual({ 'dep-5': { district: '110105', detail: '幸福路 1 号' } });
  });
});
