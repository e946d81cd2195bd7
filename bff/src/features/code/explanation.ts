/**
 * Why a code has its colour, as the code page shows it (SPEC C3, C4): the merged colour, the
 * source that decided, each reason as codes and notes the client words (docs/decisions/0017),
 * and how fresh each source is. Pure: the code page, a relative's code and a community
 * worker's view of a resident (features/grids) all explain a merge here, so they cannot differ.
 */
import {
  isMarkReason,
  type CodeReasonView,
  type CodeSourceView,
  type Color,
  type HoldOutlook,
  type MergeResult,
  type ReasonCode,
  isReasonCode,
} from '@yima/shared';
import type { StoredSource } from '../personState';

const NO_PARAMS: Record<string, never> = {};

/** A reason of one source, as codes, params and notes the client words. `outlook`: when the
 * check-in source is a hold (decision 0021), the params of its `CHECKIN_HELD`. */
function explain(
  source: StoredSource | undefined,
  s: { source: string; color: Color; reasonCode: string; reasonText: string; setBy: string; effectiveAt: Date },
  hotline: string,
  outlook: HoldOutlook | null,
): CodeReasonView[] {
  const base = { source: s.source, color: s.color, setBy: s.setBy, effectiveAt: s.effectiveAt.toISOString(), hotline };
  if (s.source === 'checkin') {
    return s.reasonCode
      .split(',')
      .filter((code) => isReasonCode(code) && code !== 'CHECKIN_OK')
      .map((code) => ({ ...base, reasonCode: code, params: code === 'CHECKIN_HELD' && outlook ? { ...outlook } : NO_PARAMS, note: '' }));
  }
  if (source?.mark && isMarkReason(s.reasonCode)) {
    return [
      {
        ...base,
        reasonCode: s.reasonCode,
        params: NO_PARAMS,
        note: s.reasonText,
        mark: { id: source.mark.id, legalBasis: source.mark.legalBasis, district: source.mark.district },
      },
    ];
  }
  return [{ ...base, reasonCode: s.reasonCode, params: NO_PARAMS, note: s.reasonText }];
}

export interface CodeExplanation {
  color: Color;
  decidedBy: string | null;
  reasons: CodeReasonView[];
  sources: CodeSourceView[];
}

/** A merge explained. `stored` are the person's stored sources (for a mark's details);
 * `restricted`: an account that must verify itself first sees grey "identity unverified";
 * `outlook`: when its check-ins hold a colour, when it turns green. */
export function explainMerge(
  merged: MergeResult,
  stored: readonly StoredSource[],
  hotline: string,
  restricted = false,
  outlook: HoldOutlook | null = null,
): CodeExplanation {
  const bySource = new Map(stored.map((s) => [s.source, s]));
  const greyReason: ReasonCode = restricted ? 'IDENTITY_UNVERIFIED' : 'NO_CHECKIN';
  const reasons: CodeReasonView[] =
    merged.color === 'grey'
      ? [{ source: 'checkin', color: 'grey', reasonCode: greyReason, params: NO_PARAMS, note: '', setBy: 'self-declaration', effectiveAt: null, hotline }]
      : merged.reasons.flatMap((r) => explain(bySource.get(r.source), r, hotline, outlook));
  return {
    color: merged.color,
    decidedBy: merged.decidedBy,
    reasons,
    sources: merged.sources.map((s) => ({ source: s.source, color: s.color, asOf: s.asOf.toISOString(), stale: s.stale })),
  };
}
