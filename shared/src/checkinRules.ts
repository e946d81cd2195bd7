/**
 * Check-in rules (SPEC C2): a pure function of (answers, risk areas, now) → local colour and
 * reasons. Symptoms, a fever, contact with a suspected case or a medium-risk area → yellow;
 * contact with a confirmed case or a high-risk area → red; otherwise green, valid for 3 days
 * from the check-in, after which it reads yellow "check-in overdue" (computed, no job).
 */
import { mostSevere, type Color } from './color';
import type { RiskLevel } from './checkinOptions';
import type { CheckinRequest } from './contracts/checkin';
import type { ReasonCode } from './reasons';

export const FEVER_CELSIUS = 37.3;
export const GREEN_VALID_MS = 3 * 86400_000;
export const DECLARATION_WINDOW_MS = 14 * 86400_000;

export interface RiskArea {
  code: string;
  name: string;
  level: RiskLevel;
  effectiveFrom: Date;
  effectiveTo: Date | null;
}

export interface CheckinRecord {
  answers: CheckinRequest;
  checkedInAt: Date;
}

export interface LocalState {
  color: Color;
  reasons: ReasonCode[];
  /** For a high/medium-risk reason: which declared areas caused it. */
  areas: string[];
  checkedInAt: Date | null;
}

/** Highest level of `code` during [from, to]: an area counts if its risk period overlaps the
 * 14 days before the check-in up to now (it may have been declared risky after the visit). */
function areaLevel(code: string, areas: RiskArea[], from: Date, to: Date): RiskLevel | null {
  let best: RiskLevel | null = null;
  for (const a of areas) {
    if (a.code !== code || a.effectiveFrom > to || (a.effectiveTo && a.effectiveTo < from)) continue;
    if (a.level === 'high' || (a.level === 'medium' && best !== 'high') || (a.level === 'low' && !best)) best = a.level;
  }
  return best;
}

/**
 * What a check-in's answers say against the risk areas known at `now` — the declaration's own
 * colour, without the rule that an old check-in goes overdue. The colour transitions fold this
 * (colourTransitions.ts): an overdue check-in is a missed form, not a declaration.
 */
export function evaluateDeclaration(record: CheckinRecord, riskAreas: RiskArea[], now: Date): { color: Color; reasons: ReasonCode[]; areas: string[] } {
  const { answers, checkedInAt } = record;
  const reasons: ReasonCode[] = [];
  const areas: string[] = [];
  let color: Color = 'green';
  const raise = (c: Color, r: ReasonCode) => {
    color = mostSevere(color, c);
    reasons.push(r);
  };

  const fever = answers.symptoms.includes('fever') || (answers.temperature !== 'normal' && answers.temperature >= FEVER_CELSIUS);
  if (fever) raise('yellow', 'FEVER');
  if (answers.symptoms.some((s) => s !== 'fever')) raise('yellow', 'SYMPTOMS');

  const windowStart = new Date(checkedInAt.getTime() - DECLARATION_WINDOW_MS);
  const levels = answers.visitedAreas.map((code) => ({ code, level: areaLevel(code, riskAreas, windowStart, now) }));
  const high = levels.filter((l) => l.level === 'high').map((l) => l.code);
  const medium = levels.filter((l) => l.level === 'medium').map((l) => l.code);
  if (high.length) raise('red', 'HIGH_RISK_AREA');
  if (medium.length) raise('yellow', 'MEDIUM_RISK_AREA');
  areas.push(...high, ...medium);

  if (answers.contact === 'confirmed') raise('red', 'CONTACT_CONFIRMED');
  if (answers.contact === 'suspected') raise('yellow', 'CONTACT_SUSPECTED');
  return { color, reasons, areas };
}

export function evaluateCheckin(record: CheckinRecord | null, riskAreas: RiskArea[], now: Date): LocalState {
  if (!record) return { color: 'grey', reasons: ['NO_CHECKIN'], areas: [], checkedInAt: null };
  const { checkedInAt } = record;
  const declared = evaluateDeclaration(record, riskAreas, now);
  let color = declared.color;
  const reasons = [...declared.reasons];
  if (now.getTime() - checkedInAt.getTime() >= GREEN_VALID_MS) {
    color = mostSevere(color, 'yellow');
    reasons.push('CHECKIN_OVERDUE');
  }
  if (color === 'green') reasons.push('CHECKIN_OK');
  return { color, reasons, areas: declared.areas, checkedInAt };
}
