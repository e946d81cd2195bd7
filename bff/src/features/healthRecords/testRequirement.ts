/**
 * A place's requirement of a recent negative test, checked for one person (decision 0026): at
 * a guard's scan and at a resident's visit. The scan route is hot, so the database is read only
 * when the place requires a test — one indexed query on (id_hash, sampled_at) — and never for
 * someone we hold no record key of (another region's code).
 */
import { testRequirementVerdict, type TestRequirementView } from '@yima/shared';
import type { HealthRecordsRepo } from './healthRecordsRepo';

export type TestRequirementCheck = (requiredHours: number | null, idHash: Buffer | null, at: Date) => Promise<TestRequirementView | null>;

export function createTestRequirementCheck(records: Pick<HealthRecordsRepo, 'latestResults'>): TestRequirementCheck {
  return async (requiredHours, idHash, at) => {
    if (requiredHours === null) return null;
    const latest = idHash ? ((await records.latestResults([idHash])).get(idHash.toString('hex')) ?? null) : null;
    const verdict = testRequirementVerdict(latest ? { result: latest.result, sampledAtMs: Date.parse(latest.sampledAt) } : null, requiredHours, at.getTime());
    return { hours: requiredHours, verdict, sampledAt: latest?.sampledAt ?? null };
  };
}
