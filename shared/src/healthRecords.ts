/**
 * Nucleic-acid results and vaccinations as residents and guards read them
 * (docs/decisions/0026-health-records.md). Pure: the BFF answers with these, the app words them.
 *
 * The badge is what gates asked for in 2022: how long ago the latest negative sample was
 * taken, in the bands people knew (24 h, 48 h, 72 h, 7 days). It counts from sampling, not
 * from the report: a result reported late is no fresher for it.
 */

export const NUCLEIC_ACID_RESULTS = ['negative', 'positive'] as const;
export type NucleicAcidResult = (typeof NUCLEIC_ACID_RESULTS)[number];

/** The bands, each with its upper bound in hours since sampling. */
export const TEST_BADGES = [
  { badge: '24h', hours: 24 },
  { badge: '48h', hours: 48 },
  { badge: '72h', hours: 72 },
  { badge: '7d', hours: 168 },
] as const;
export type TestBadge = (typeof TEST_BADGES)[number]['badge'];
export const TEST_BADGE_NAMES = TEST_BADGES.map((b) => b.badge) as unknown as readonly [TestBadge, ...TestBadge[]];

const HOUR_MS = 3_600_000;

/** Hours since sampling; a sample time a little ahead of our clock counts as now. */
export const hoursSince = (sampledAtMs: number, nowMs: number): number => Math.max(0, nowMs - sampledAtMs) / HOUR_MS;

/** The badge for a negative result sampled at `sampledAtMs`; null after 7 days. */
export function testBadge(sampledAtMs: number, nowMs: number): TestBadge | null {
  const hours = hoursSince(sampledAtMs, nowMs);
  for (const b of TEST_BADGES) if (hours <= b.hours) return b.badge;
  return null;
}

/** When the badge of a result sampled at `sampledAtMs` next changes (epoch ms), or null when it
 * no longer will: caches of an answer that shows a badge must end by then. */
export function testBadgeChangesAt(sampledAtMs: number, nowMs: number): number | null {
  for (const b of TEST_BADGES) {
    const until = sampledAtMs + b.hours * HOUR_MS;
    if (until >= nowMs) return until + 1;
  }
  return null;
}

/** What a place may require: a negative test sampled within 1 hour to 14 days. */
export const REQUIRED_TEST_HOURS = { min: 1, max: 336 } as const;

/** Why a person meets a place's test requirement or not; the scanner words it. */
export const TEST_REQUIREMENT_VERDICTS = ['MET', 'NO_RESULT', 'TOO_OLD', 'POSITIVE'] as const;
export type TestRequirementVerdict = (typeof TEST_REQUIREMENT_VERDICTS)[number];

/**
 * A place's requirement of a negative test sampled within `requiredHours`, against the
 * person's latest result (by sampling time). The latest decides: a positive result sampled
 * after a negative one is not met by the negative.
 */
export function testRequirementVerdict(
  latest: { result: NucleicAcidResult; sampledAtMs: number } | null,
  requiredHours: number,
  nowMs: number,
): TestRequirementVerdict {
  if (!latest) return 'NO_RESULT';
  if (latest.result === 'positive') return 'POSITIVE';
  return hoursSince(latest.sampledAtMs, nowMs) <= requiredHours ? 'MET' : 'TOO_OLD';
}
