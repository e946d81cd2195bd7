/**
 * What one submitted check-in does to the person's hold (shared/src/colourTransitions.ts):
 * first what the check-in it replaces as the latest says now beyond what it said when filed
 * (a place it named declared a risk area since), then the new check-in itself. Pure.
 */
import {
  GREEN_VALID_MS,
  HEALTHY_RUN_REASON,
  afterCheckin,
  afterLaterFindings,
  daysNeeded,
  evaluateDeclaration,
  type CheckinHold,
  type CheckinRecord,
  type Color,
  type HoldChange,
  type LocalState,
  type RiskArea,
  type TransitionPolicy,
} from '@yima/shared';

/** Who or what changed a colour, for the history row (personState's `Cause`, by shape). */
export interface HistoryCause {
  actor: string;
  reasonCode: string;
  reasonText: string;
  reasonParams?: Record<string, string | number>;
}

export function foldSubmission(
  hold: CheckinHold | null,
  previous: (CheckinRecord & { color: Color }) | null,
  submitted: Pick<LocalState, 'color' | 'reasons'>,
  areas: RiskArea[],
  at: Date,
  policy: TransitionPolicy,
): { hold: CheckinHold | null; change: HoldChange } {
  let change: HoldChange = 'none';
  // Only a check-in still in force (not overdue) speaks for the person: an older one already
  // reads "check in now", and a place named weeks ago may count against a risk period that
  // began long after the visit (the rules' window runs up to now).
  if (previous && at.getTime() - previous.checkedInAt.getTime() < GREEN_VALID_MS) {
    const later = afterLaterFindings(hold, previous, evaluateDeclaration(previous, areas, at), at, policy);
    hold = later.hold;
    change = later.change;
  }
  const next = afterCheckin(hold, submitted, at, policy);
  // A raise stays the change to report even when the new check-in only keeps it (it cannot
  // lower what was raised the same day).
  if (change === 'raised') return { hold: next.hold, change };
  return { hold: next.hold, change: next.change === 'none' ? change : next.change };
}

/** The history's cause when a run of healthy check-ins lowered `held`: the run, in the words
 * of who filed the last of them. */
export function healthyRunCause(held: CheckinHold, byRelative: boolean, policy: TransitionPolicy): HistoryCause {
  return {
    actor: byRelative ? 'relative-declaration' : 'self-declaration',
    reasonCode: HEALTHY_RUN_REASON,
    reasonText: '',
    reasonParams: { days: daysNeeded(held.color, policy) },
  };
}
