import { describe, expect, it, vi } from 'vitest';
import type { NucleicAcidView } from '@yima/shared';
import { createTestRequirementCheck } from './testRequirement';

const HOUR = 3_600_000;
const NOW = new Date('2026-11-26T12:00:00.000Z');
const idHash = Buffer.alloc(32, 7);
const round = (hoursAgo: number, result: 'negative' | 'positive'): NucleicAcidView => ({
  sampledAt: new Date(NOW.getTime() - hoursAgo * HOUR).toISOString(),
  result,
  institution: '朝阳医院',
  lab: '朝阳医院检验科',
  reportedAt: NOW.toISOString(),
  region: '北京市',
  source: 'bj-lab',
});
const repoHolding = (view: NucleicAcidView | null) => ({
  latestResults: vi.fn(async (hashes: Buffer[]) => new Map(view ? [[hashes[0].toString('hex'), view]] : [])),
});

describe('a place’s test requirement at the gate', () => {
  it('reads nothing when the place requires no test (the scan route stays one query lighter)', async () => {
    const repo = repoHolding(round(1, 'negative'));
    expect(await createTestRequirementCheck(repo)(null, idHash, NOW)).toBeNull();
    expect(repo.latestResults).not.toHaveBeenCalled();
  });

  it('reads nothing for someone we hold no record key of, and answers NO_RESULT', async () => {
    const repo = repoHolding(round(1, 'negative'));
    expect(await createTestRequirementCheck(repo)(48, null, NOW)).toEqual({ hours: 48, verdict: 'NO_RESULT', sampledAt: null });
    expect(repo.latestResults).not.toHaveBeenCalled();
  });

  it('answers the latest round’s verdict with its sampling time', async () => {
    const fresh = round(10, 'negative');
    expect(await createTestRequirementCheck(repoHolding(fresh))(48, idHash, NOW)).toEqual({ hours: 48, verdict: 'MET', sampledAt: fresh.sampledAt });
    const stale = round(50, 'negative');
    expect(await createTestRequirementCheck(repoHolding(stale))(48, idHash, NOW)).toEqual({ hours: 48, verdict: 'TOO_OLD', sampledAt: stale.sampledAt });
    expect((await createTestRequirementCheck(repoHolding(round(2, 'positive')))(48, idHash, NOW))?.verdict).toBe('POSITIVE');
    expect(await createTestRequirementCheck(repoHolding(null))(48, idHash, NOW)).toEqual({ hours: 48, verdict: 'NO_RESULT', sampledAt: null });
  });
});
