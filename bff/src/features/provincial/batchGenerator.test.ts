import { describe, expect, it } from 'vitest';
import { parseIdNumber } from '@yima/shared';
import { batchLines, generatedIdNumber } from './batchGenerator';

describe('the batch generator (demos and the benchmark)', () => {
  it('makes valid, distinct ID numbers, the same person for the same index', () => {
    const ids = Array.from({ length: 20_000 }, (_, i) => generatedIdNumber(i * 37));
    expect(new Set(ids).size).toBe(ids.length);
    for (const id of ids.slice(0, 2000)) expect(parseIdNumber(id, '2026-11-23').ok).toBe(true);
    expect(generatedIdNumber(12345)).toBe(generatedIdNumber(12345));
  });

  it('draws colours in the asked shares, afresh for each version', () => {
    const colours = (version: number) =>
      [...batchLines({ count: 20_000, version, effectiveAt: new Date('2026-11-22T00:00:00Z'), red: 0.01, yellow: 0.04 })].map(
        (l) => JSON.parse(l).color as string,
      );
    const v1 = colours(1);
    const v2 = colours(2);
    const share = (list: string[], c: string) => list.filter((x) => x === c).length / list.length;
    expect(share(v1, 'red')).toBeGreaterThan(0.006);
    expect(share(v1, 'red')).toBeLessThan(0.014);
    expect(share(v1, 'yellow')).toBeGreaterThan(0.033);
    expect(share(v1, 'yellow')).toBeLessThan(0.047);
    const moved = v1.filter((c, i) => c !== v2[i]).length / v1.length;
    expect(moved).toBeGreaterThan(0.07);
    expect(moved).toBeLessThan(0.12);
  });
});
