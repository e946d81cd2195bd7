/**
 * Risk areas in memory: every code request evaluates check-ins against them, so they must
 * not cost a query each time. Reloaded when older than `maxAgeMs` (another BFF process may
 * have changed them) and at once after a change made through this process.
 *
 * Stale fallback (docs/decisions/0027): when a reload fails (MariaDB down or past its
 * deadline) the last list loaded is kept and answered, so the code page goes on answering
 * from Redis's cached states while MariaDB is away. The failure is logged once per outage,
 * with the list's age; while failing, reloads are tried in the background about once a second
 * (wall time, not the business clock), and requests do not wait for them (each would wait a
 * whole query deadline).
 * With nothing ever loaded there is nothing to fall back on: the error goes to the caller.
 */
import type { Logger } from 'pino';
import { DECLARATION_WINDOW_MS } from '@yima/shared';
import type { Clock } from '../../clock';
import type { RiskAreaRow, RiskAreasRepo } from './riskAreasRepo';

export interface RiskAreaCache {
  /** With their ids: the operator pages end a period by it. */
  current(): Promise<RiskAreaRow[]>;
  invalidate(): void;
  /** While answering a list a reload failed to refresh: since when it is the last known
   * (its load time); null when fresh. The code page marks its answer degraded by it. */
  staleSince(): Date | null;
}

/** While failing: how often a reload is tried (in the background). */
const RETRY_MS = 1000;

export function createRiskAreaCache(repo: RiskAreasRepo, clock: Clock, options: { logger?: Logger; maxAgeMs?: number } = {}): RiskAreaCache {
  const maxAgeMs = options.maxAgeMs ?? 5000;
  let areas: RiskAreaRow[] = [];
  /** When `areas` was loaded; null before the first load. */
  let loadedAt: number | null = null;
  /** A change was made through this process: reload before answering. */
  let invalidated = false;
  let loading: Promise<RiskAreaRow[]> | null = null;
  /** Since a reload failed with a list to fall back on, until one succeeds. */
  let failing: { lastTryAt: number } | null = null;

  function reload(now: number): Promise<RiskAreaRow[]> {
    // One reload at a time; concurrent requests share it.
    loading ??= repo
      // A check-in is judged against periods up to 14 days before it; keep twice that.
      .relevantSince(new Date(now - 2 * DECLARATION_WINDOW_MS))
      .then(
        (rows) => {
          if (failing && loadedAt !== null) options.logger?.info({ staleForMs: now - loadedAt }, 'risk areas reloaded: the code page is fresh again');
          failing = null;
          invalidated = false;
          areas = rows;
          loadedAt = now;
          return rows;
        },
        (err: Error) => {
          if (loadedAt === null) throw err;
          if (!failing)
            options.logger?.warn(
              { reason: err.message, ageMs: now - loadedAt },
              'risk areas could not be reloaded: answering the last known list until MariaDB answers again',
            );
          failing = { lastTryAt: Date.now() };
          return areas;
        },
      )
      .finally(() => {
        loading = null;
      });
    return loading;
  }

  return {
    async current() {
      const now = clock.now().getTime();
      if (failing) {
        // Answer the last known list at once; retry in the background now and then.
        if (!loading && Date.now() - failing.lastTryAt >= RETRY_MS) void reload(now);
        return areas;
      }
      if (loadedAt !== null && !invalidated && now >= loadedAt && now - loadedAt < maxAgeMs) return areas;
      return reload(now);
    },
    invalidate() {
      invalidated = true;
      // A change made through this process must be seen soon: retry at once, even while failing.
      if (failing) failing.lastTryAt = -Infinity;
    },
    staleSince() {
      return failing && loadedAt !== null ? new Date(loadedAt) : null;
    },
  };
}
