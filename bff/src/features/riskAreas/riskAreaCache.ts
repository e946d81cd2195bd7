/**
 * Risk areas in memory: every code request evaluates check-ins against them, so they must
 * not cost a query each time. Reloaded when older than `maxAgeMs` (another BFF process may
 * have changed them) and at once after a change made through this process.
 */
import { DECLARATION_WINDOW_MS } from '@yima/shared';
import type { Clock } from '../../clock';
import type { RiskAreaRow, RiskAreasRepo } from './riskAreasRepo';

export interface RiskAreaCache {
  /** With their ids: the operator pages end a period by it. */
  current(): Promise<RiskAreaRow[]>;
  invalidate(): void;
}

export function createRiskAreaCache(repo: RiskAreasRepo, clock: Clock, maxAgeMs = 5000): RiskAreaCache {
  let areas: RiskAreaRow[] = [];
  let loadedAt = -Infinity;
  let loading: Promise<RiskAreaRow[]> | null = null;
  return {
    async current() {
      const now = clock.now().getTime();
      if (now - loadedAt < maxAgeMs && now >= loadedAt) return areas;
      // One reload at a time; concurrent requests share it.
      loading ??= repo
        // A check-in is judged against periods up to 14 days before it; keep twice that.
        .relevantSince(new Date(now - 2 * DECLARATION_WINDOW_MS))
        .then((rows) => {
          areas = rows;
          loadedAt = now;
          return rows;
        })
        .finally(() => {
          loading = null;
        });
      return loading;
    },
    invalidate() {
      loadedAt = -Infinity;
    },
  };
}
