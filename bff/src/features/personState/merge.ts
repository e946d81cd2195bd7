/**
 * The one evaluate-and-merge (SPEC C4): the check-in evaluated now against the risk areas,
 * with what earlier check-ins hold (colourTransitions.ts), merged with the stored sources by
 * the policy. Every reader of a merged colour — the code
 * page, a relative's code, a scan, a visit, a settle — comes here, so they cannot disagree.
 * Pure: pass `now` and the risk areas in.
 */
import {
  SEVERITY,
  convertedAnswers,
  evaluateCheckin,
  mergeSourceStates,
  withHold,
  type CheckinHold,
  type CheckinRecord,
  type HoldOutlook,
  type LocalState,
  type MergePolicy,
  type MergeResult,
  type RiskArea,
  type SourceState,
  type TransitionPolicy,
} from '@yima/shared';
import type { HistoryEntry } from './historyRepo';
import { toSourceState, type PersonSources, type StoredSource } from './sources';

/** A hold as the code cache keeps it (JSON: the time as ISO text). */
export type StoredHold = Omit<CheckinHold, 'since'> & { since: string };

/** What the merge reads about a person: their latest check-in, what check-ins hold, and their
 * stored sources. The code cache keeps times as ISO text; both forms are accepted. */
export interface MergeInput {
  checkin: (Omit<CheckinRecord, 'checkedInAt'> & { checkedInAt: Date | string; byRelative?: boolean; converted?: boolean }) | null;
  /** Absent in a code state cached before holds existed: nothing held. */
  hold?: CheckinHold | StoredHold | null;
  sources: StoredSource[];
}

export interface Evaluation {
  /** The latest check-in evaluated now, alone (what is due, when it was). */
  local: LocalState;
  merged: MergeResult;
  /** The stored sources as the merge read them (dates parsed). */
  sources: SourceState[];
  /** When the check-in source is the hold: when it turns green if the person keeps checking
   * in (the params of its `CHECKIN_HELD` reason); else null. */
  outlook: HoldOutlook | null;
}

export const parseHold = (h: CheckinHold | StoredHold | null | undefined): CheckinHold | null =>
  h ? { ...h, since: typeof h.since === 'string' ? new Date(h.since) : h.since } : null;

/** The check-in rules with the hold, and the merge, now. */
export function evaluate(input: MergeInput, areas: RiskArea[], policy: MergePolicy, transitions: TransitionPolicy, now: Date): Evaluation {
  const c = input.checkin;
  // An approved conversion request vouched that the check-in was declared by mistake.
  const checkin = c
    ? {
        answers: c.converted ? convertedAnswers(c.answers) : c.answers,
        checkedInAt: typeof c.checkedInAt === 'string' ? new Date(c.checkedInAt) : c.checkedInAt,
      }
    : null;
  const local = evaluateCheckin(checkin, areas, now);
  const hold = parseHold(input.hold);
  const sources = input.sources.map(toSourceState);
  const own = checkinSource(local, hold, transitions, now, c?.byRelative);
  return { local, merged: mergeSourceStates(own ? [own.state, ...sources] : sources, policy, now), sources, outlook: own?.outlook ?? null };
}

/** The check-in as a source state; none before the first check-in (the other sources may
 * still know the person, and "no check-in" is shown as a reason on its own). Its colour is
 * the latest check-in's or, when more severe, the hold's: then it took effect when the hold
 * was last raised or confirmed, and the latest check-in still vouches for it. */
function checkinSource(
  local: LocalState,
  hold: CheckinHold | null,
  transitions: TransitionPolicy,
  now: Date,
  byRelative = false,
): { state: SourceState; outlook: HoldOutlook | null } | null {
  if (!local.checkedInAt) return null;
  const own = withHold(local, hold, now, transitions);
  return {
    state: {
      source: 'checkin',
      color: own.color,
      reasonCode: own.reasons.join(','),
      reasonText: '',
      // Who declared it: the person, or a relative filing for them (SPEC C5).
      setBy: byRelative ? 'relative-declaration' : 'self-declaration',
      effectiveAt: own.outlook && hold ? hold.since : local.checkedInAt,
      receivedAt: local.checkedInAt,
      asOf: local.checkedInAt,
    },
    outlook: own.outlook,
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
    reasonParams: cause ? cause.reasonParams : undefined,
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
  /** What the reason code's words fill in (a run's length). */
  reasonParams?: Record<string, string | number>;
}
