import { describe, expect, it } from 'vitest';
import { checkNucleicAcidLine, checkVaccinationLine, lineClock } from './lines';
import { nucleicAcidBatchLines, vaccinationBatchLines } from './batchGenerator';

const AT = new Date('2026-11-22T08:00:00Z');

describe('the health-record batch generator (demos and the benchmark)', () => {
  it('makes nucleic-acid lines that all pass the checks: several rounds per person, a few of another region, the same records for a new version', () => {
    const lines = [...nucleicAcidBatchLines({ count: 3000, version: 4, at: AT })];
    const clock = lineClock(AT);
    const parsed = lines.map((l, i) => checkNucleicAcidLine(l.trimEnd(), i + 1, clock));
    expect(parsed.filter((p) => !p.ok)).toEqual([]);
    const values = parsed.map((p) => (p.ok ? p.value : null)!);
    expect(new Set(values.map((v) => v.idNumber)).size).toBe(1000);
    expect(new Set(values.map((v) => `${v.idNumber}/${v.sampleId}`)).size).toBe(3000);
    const away = values.filter((v) => v.region !== '广州市').length / values.length;
    expect(away).toBeGreaterThan(0.01);
    expect(away).toBeLessThan(0.06);
    const again = [...nucleicAcidBatchLines({ count: 3000, version: 5, at: AT })].map((l) => JSON.parse(l));
    expect(again.map((l) => l.sampleId)).toEqual(values.map((v) => v.sampleId));
  });

  it('makes vaccination lines that all pass the checks, 1 to 3 doses per person', () => {
    const clock = lineClock(AT);
    const lines = [...vaccinationBatchLines({ count: 3000, version: 1 })];
    expect(lines).toHaveLength(3000);
    const values = lines.map((l, i) => checkVaccinationLine(l.trimEnd(), i + 1, clock)).map((p) => (p.ok ? p.value : null));
    expect(values.filter((v) => v === null)).toEqual([]);
    const perPerson = new Map<string, number>();
    for (const v of values) perPerson.set(v!.idNumber, Math.max(perPerson.get(v!.idNumber) ?? 0, v!.dose));
    expect(new Set(perPerson.values())).toEqual(new Set([1, 2, 3]));
  });
});
