/** Requests of the city statistics (SPEC C9; docs/decisions/0020-statistics.md). */
import { z } from 'zod';
import { dayRangeProblem, isDay, STATS_MAX_DAYS } from '../days';
import { gridCode } from './grids';

/** A China calendar day. A bad one is 400 INVALID_DATE (not INVALID_REQUEST): the page says
 * which field to fix. */
const day = (what: string) =>
  z
    .string()
    .describe(what)
    .superRefine((value, ctx) => {
      if (!isDay(value)) ctx.addIssue({ code: 'custom', message: 'must be a date YYYY-MM-DD (2000–2099)', params: { code: 'INVALID_DATE' } });
    });

export const statsDayQuery = z.strictObject({ date: day('the China day, `YYYY-MM-DD`; today when left out').optional() });

const RANGE_MESSAGES = {
  INVALID_DATE: 'must be a date YYYY-MM-DD',
  INVALID_DATE_RANGE: 'must not be before from',
  DATE_RANGE_TOO_LONG: `a range may cover at most ${STATS_MAX_DAYS} days`,
} as const;

export const statsRangeQuery = z
  .strictObject({ from: day('the first China day, `YYYY-MM-DD`'), to: day(`the last China day, included; at most ${STATS_MAX_DAYS} days in all`) })
  .superRefine(({ from, to }, ctx) => {
    const problem = dayRangeProblem(from, to);
    if (problem) ctx.addIssue({ code: 'custom', path: ['to'], message: RANGE_MESSAGES[problem], params: { code: problem } });
  });
export type StatsRangeQuery = z.infer<typeof statsRangeQuery>;

/** `GET /api/stats/grids`: check-in completion of a grid's children on a day. */
export const statsGridsQuery = z.strictObject({
  date: day('the China day, `YYYY-MM-DD`; today when left out').optional(),
  parent: gridCode.optional().describe('the grid whose children are compared; none: the districts'),
});

// Response types are inferred from the response schemas (./responses/stats).
export type { StatsDay, StatsRange, OpsPages, GridCompletion, StatsGrids } from './responses/stats';
