/**
 * The one evaluate-and-merge (SPEC C4): the check-in evaluated now against the risk areas,
 * merged with the stored sources by the policy. Every reader of a merged colour — the code
 * page, a relative's code, a scan, a visit, a settle — comes here, so they cannot disagree.
 * Pure: pass `now` and the risk areas in.
 */
import {
  SEVERITY,
  evaluateCheckin,
  mergeSourceStates,
  type CheckinRecord,
  type LocalState,
  type MergePolicy,
  type MergeResult,
  type RiskArea,
  type SourceState,
} from '@yima/shared';
import type { HistoryEntry } from './historyRepo';
import { toSourceState, type PersonSources, type StoredSource } from './sources';

/** What the merge reads about a person: their latest check-in and their stored sources. The
 * code cache keeps the check-in time as ISO text; both forms are accepted. */
export interface MergeInput {
  checkin: (Omit<CheckinRecord, 'checkedInAt'> & { checkedInAt: Date | string; byRelative?: boolean }) | null;
  sources: StoredSource[];
}

export interface Evaluation {
  local: LocalState;
  merged: MergeResult;
  /** The stored sources as the merge read them (dates parsed). */
  sources: SourceState[];
}

/** The check-in rules and the merge, now. */
export function evaluate(input: MergeInput, areas: RiskArea[], policy: MergePolicy, now: Date): Evaluation {
  const c = input.checkin;
  const checkin = c ? { answers: c.answers, checkedInAt: typeof c.checkedInAt === 'string' ? new Date(c.checkedInAt) : c.checkedInAt } : null;
  const local = evaluateCheckin(checkin, areas, now);
  const sources = input.sources.map(toSourceState);
  const own = checkinSource(local, c?.byRelative);
  return { local, merged: mergeSourceStates(own ? [own, ...sources] : sources, policy, now), sources };
}

/** The check-in as a source state; none before the first check-in (the other sources may
 * still know the person, and "no check-in" is shown as a reason on its own). */
function checkinSource(local: LocalState, byRelative = false): SourceState | null {
  if (!local.checkedInAt) return null;
  return {
    source: 'checkin',
    color: local.color,
    reasonCode: local.reasons.join(','),
    reasonText: '',
    // Who declared it: the person, or a relative filing for them (SPEC C5).
    setBy: byRelative ? 'relative-declaration' : 'self-declaration',
    effectiveAt: local.checkedInAt,
    receivedAt: local.checkedInAt,
  };
}

/** The history row for a person whose merged colour moved; null when it did not (or when
 * Yima holds no code for them). */
export function historyEntryFor(p: PersonSources, merged: MergeResult, at: Date, cause?: Cause): HistoryEntry | null {
  if (!p.personId) return null;
  const old = p.recordedColor ?? 'grey';
  if (old === merged.color) return null;
  const decider = merged.decider;
  return {
    idHash: p.idHash,
    oldColor: old,
    newColor: merged.color,
    decidedBy: merged.decidedBy ?? 'none',
    actor: cause?.actor ?? decider?.setBy ?? 'system',
    reasonCode: cause?.reasonCode ?? (decider?.reasonCode.split(',')[0] || (merged.color === 'green' ? 'CHECKIN_OK' : 'NO_STATE')),
    reasonText: cause?.reasonText ?? decider?.reasonText ?? '',
    at,
  };
}

/** A change that makes printed paper codes of the milder colour invalid (SPEC C5). */
export const worsened = (e: HistoryEntry) => SEVERITY[e.newColor] > SEVERITY[e.oldColor];

/** Who or what caused a change, when it is not simply the deciding source (e.g. a lifted mark). */
export interface Cause {
  actor: string;
  reasonCode: string;
  reasonText: string;
}
