/**
 * Merging a person's code state from its sources (SPEC C4) — pure, and explained: the result
 * says which source decided, why, and how fresh every source is.
 *
 * Sources: `checkin` (local rules), `mark:<authority>` (local authority marks),
 * `provincial` (the provincial feed), `recognised:<issuer>` (another region's code).
 * Policies:
 * - `most-severe` (default): the most severe *fresh* state wins; if no source is fresh, the
 *   most severe stale one (so old data never reads as "no state").
 * - `provincial-prevails` (seed 000: "when they disagree, the provincial result prevails"):
 *   a fresh provincial state decides, except that a local red mark that took effect after it
 *   keeps the code red. Without a fresh provincial state: most-severe.
 * - `local-prevails`, for a province whose feed lags: a local authority's mark that took
 *   effect after the provincial state supersedes it (the city knows better than a late feed);
 *   otherwise most-severe. A check-in never supersedes the province: it may raise a colour,
 *   never lower a provincial or mark state, under every policy (issue 12, decision 0021).
 * A state past its `expiresAt` is ignored; one whose source last vouched for it (`asOf`) longer
 * ago than the source's freshness limit is `stale`. Worked examples: docs/merge-policy.md.
 */
import { SEVERITY, type Color } from './color';

export const MERGE_POLICIES = ['most-severe', 'provincial-prevails', 'local-prevails'] as const;
export type MergePolicyName = (typeof MERGE_POLICIES)[number];

export interface SourceState {
  source: string;
  color: Color;
  reasonCode: string;
  reasonText: string;
  /** Who set it: an authority id, 'self-declaration', 'provincial-platform', an issuer id. */
  setBy: string;
  effectiveAt: Date;
  receivedAt: Date;
  /** When the source last vouched for this state (the provincial batch that carried it);
   * freshness is measured from here. Defaults to effectiveAt. */
  asOf?: Date;
  expiresAt?: Date | null;
}

export interface MergePolicy {
  name: MergePolicyName;
  /** Freshness limit per source kind (the part before ':'), in ms; kinds not listed never go stale. */
  freshnessMs: Partial<Record<string, number>>;
}

export interface MergedSource {
  source: string;
  color: Color;
  asOf: Date;
  stale: boolean;
}

export interface MergeResult {
  color: Color;
  /** The source whose state set the colour; null when nothing is known (grey). */
  decidedBy: string | null;
  /** The state that set the colour (also when green, where `reasons` is empty). */
  decider: SourceState | null;
  /** The states behind a non-green colour: the decider first, then the others agreeing. */
  reasons: SourceState[];
  sources: MergedSource[];
}

export const sourceKind = (source: string): string => source.split(':')[0];

/** A total order over every field of a state, so the result never depends on the order the
 * states arrive in: newest first, then by source, severity, and the remaining fields as
 * tie-breaks. Two states that compare equal here are equal in every field. */
const cmp = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);
/** A state that never expires sorts before one that does; a later expiry before an earlier one. */
const expiryMs = (s: SourceState) => s.expiresAt?.getTime() ?? Number.POSITIVE_INFINITY;
const byLater = (a: number, b: number) => (a === b ? 0 : a > b ? -1 : 1);
export function byRecency(a: SourceState, b: SourceState): number {
  return (
    b.effectiveAt.getTime() - a.effectiveAt.getTime() ||
    cmp(a.source, b.source) ||
    SEVERITY[b.color] - SEVERITY[a.color] ||
    b.receivedAt.getTime() - a.receivedAt.getTime() ||
    byLater(asOfOf(a).getTime(), asOfOf(b).getTime()) ||
    byLater(expiryMs(a), expiryMs(b)) ||
    cmp(a.reasonCode, b.reasonCode) ||
    cmp(a.setBy, b.setBy) ||
    cmp(a.reasonText, b.reasonText)
  );
}

function mostSevere(states: SourceState[]): SourceState | null {
  let best: SourceState | null = null;
  for (const s of states) if (!best || SEVERITY[s.color] > SEVERITY[best.color]) best = s;
  return best;
}

const asOfOf = (s: SourceState) => s.asOf ?? s.effectiveAt;

export function isStale(state: SourceState, policy: MergePolicy, now: Date): boolean {
  const limit = policy.freshnessMs[sourceKind(state.source)];
  return limit !== undefined && now.getTime() - asOfOf(state).getTime() >= limit;
}

export function mergeSourceStates(input: SourceState[], policy: MergePolicy, now: Date): MergeResult {
  const live = input.filter((s) => !s.expiresAt || s.expiresAt > now).sort(byRecency);
  const fresh = live.filter((s) => !isStale(s, policy, now));
  const sources = live.map((s) => ({ source: s.source, color: s.color, asOf: asOfOf(s), stale: isStale(s, policy, now) }));

  let decider: SourceState | null;
  const provincial = fresh.find((s) => sourceKind(s.source) === 'provincial') ?? null;
  if (policy.name === 'provincial-prevails' && provincial) {
    const laterRedMark = fresh.find((s) => sourceKind(s.source) === 'mark' && s.color === 'red' && s.effectiveAt > provincial.effectiveAt);
    decider = laterRedMark ?? provincial;
  } else if (policy.name === 'local-prevails' && provincial && fresh.some((s) => sourceKind(s.source) === 'mark' && s.effectiveAt > provincial.effectiveAt)) {
    // Only a newer mark sets the province's state aside; a newer check-in does not (it could
    // otherwise turn a provincial red green by re-declaring "healthy").
    decider = mostSevere(fresh.filter((s) => sourceKind(s.source) !== 'provincial'));
  } else {
    decider = mostSevere(fresh.length ? fresh : live);
  }

  if (!decider) return { color: 'grey', decidedBy: null, decider: null, reasons: [], sources };
  const color = decider.color;
  const pool = fresh.length ? fresh : live;
  const reasons = color === 'green' ? [] : [decider, ...pool.filter((s) => s !== decider && s.color === color)];
  return { color, decidedBy: decider.source, decider, reasons, sources };
}
