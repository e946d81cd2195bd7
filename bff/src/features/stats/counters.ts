/**
 * The daily counters (SPEC C9; docs/decisions/0020-statistics.md), written by the features that
 * make the things counted, **inside their own transaction**: a registration with the account's
 * update, a check-in with its row, scans in the visit drainer's batch. So a count is exactly as
 * durable as the thing it counts — committed together or not at all — and no one ever scans the
 * visit table for a figure.
 *
 * Lock order: a transaction calls `markActive` (active-people rows) before `count` (counter
 * rows), and both write their rows sorted, so two transactions never wait for each other in a
 * circle on these tables. Call `count` last, just before commit: a counter row stays locked
 * until then.
 *
 * Adding a metric (conversions by outcome, check-ins by grid): a name in METRICS, a `count`
 * call in the writer's transaction, and the figure in ./figures.ts.
 */
import { randomInt } from 'node:crypto';
import type { PoolConnection, ResultSetHeader } from 'mysql2/promise';
import { isDay } from '@yima/shared';

export type Queryable = Pick<PoolConnection, 'query'>;

/** What is counted. Dimensions: `checkins` — who filed it (`self`, `relative`);
 * `checkinsByGrid` — the grid the check-in's address placed its person in (a community's 12
 * digits, or a district's 6); `scans`, `staffScans` — the place type; `conversions` — the
 * status a request moved to (`CONVERSION_OUTCOMES`); the others none (`''`). */
export const METRICS = ['registrations', 'checkins', 'checkinsByGrid', 'scans', 'staffScans', 'activeUsers', 'conversions'] as const;
export type Metric = (typeof METRICS)[number];

export interface Tally {
  /** The China day it happened, `YYYY-MM-DD`. */
  day: string;
  metric: Metric;
  dimension?: string;
  n: number;
}

/** Rows one hot counter is spread over (a random one per statement): concurrent check-ins then
 * rarely wait for the same row lock. Readers add them up. */
const SHARDS = 16;
const MAX_DIMENSION = 32;

/** `days`: the days already found valid in this call. A drainer's batch counts up to 2 000
 * visits of one or two days; checking the date of each was ~2 % of a scan's CPU. */
function checked(t: Tally, days: Set<string>): Tally {
  if (
    !(days.has(t.day) || (isDay(t.day) && days.add(t.day))) ||
    !(METRICS as readonly string[]).includes(t.metric) ||
    !Number.isSafeInteger(t.n) ||
    t.n < 0 ||
    (t.dimension ?? '').length > MAX_DIMENSION
  )
    throw new Error(`stats: a bad tally for ${t.metric}`);
  return t;
}

/** Adds each tally to its counter, in the caller's transaction (one statement). */
export async function count(conn: Queryable, tallies: Tally | readonly Tally[]): Promise<void> {
  const sums = new Map<string, { t: Tally; n: number }>();
  const days = new Set<string>();
  for (const t of Array.isArray(tallies) ? (tallies as readonly Tally[]) : [tallies as Tally]) {
    checked(t, days);
    if (t.n === 0) continue;
    const key = `${t.day}\u0000${t.metric}\u0000${t.dimension ?? ''}`;
    const sum = sums.get(key);
    if (sum) sum.n += t.n;
    else sums.set(key, { t, n: t.n });
  }
  if (!sums.size) return;
  const shard = randomInt(SHARDS);
  const rows = [...sums.entries()].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)).map(([, s]) => [s.t.day, s.t.metric, s.t.dimension ?? '', shard, s.n]);
  await conn.query(
    `INSERT INTO stats_daily (day, metric, dimension, shard, value) VALUES ${rows.map(() => '(?, ?, ?, ?, ?)').join(', ')}
     ON DUPLICATE KEY UPDATE value = value + VALUES(value)`,
    rows.flat(),
  );
}

export interface ActiveMark {
  day: string;
  personId: string;
}

const byPersonId = (a: string, b: string) => a.length - b.length || (a < b ? -1 : a > b ? 1 : 0);

/**
 * Records that these people were active on these days, in the caller's transaction, and
 * returns the `activeUsers` tallies to count with it: per day, exactly the people not
 * recorded before (INSERT IGNORE's affected rows). Call before `count`, with `count` after.
 */
export async function markActive(conn: Queryable, marks: readonly ActiveMark[]): Promise<Tally[]> {
  const byDay = new Map<string, Set<string>>();
  for (const m of marks) {
    // A day is checked once (as a key of byDay), not once per mark.
    const ids = byDay.get(m.day) ?? (isDay(m.day) ? byDay.set(m.day, new Set()).get(m.day)! : null);
    if (!ids || !/^\d{1,20}$/.test(m.personId)) throw new Error('stats: a bad active mark');
    ids.add(m.personId);
  }
  const tallies: Tally[] = [];
  for (const day of [...byDay.keys()].sort()) {
    const ids = [...byDay.get(day)!].sort(byPersonId);
    // Written out in full: both parts were checked above (a date, digits), and the driver's
    // formatting of 4 000 values would cost more than the insert (as visitLog.ts).
    const [res] = await conn.query<ResultSetHeader>(
      `INSERT IGNORE INTO stats_active_people (day, person_id) VALUES ${ids.map((id) => `('${day}',${id})`).join(',')}`,
    );
    if (res.affectedRows > 0) tallies.push({ day, metric: 'activeUsers', n: res.affectedRows });
  }
  return tallies;
}
