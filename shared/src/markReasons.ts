/**
 * The maintained list of reasons an authority may give for a mark (SPEC C8). The first six
 * are the red types of seed 004 (Guangzhou's 穗康码: home isolation, centralised isolation,
 * close contact, suspected case, confirmed case, positive test — and arrivals from a severely
 * affected area); the rest are the yellow-level measures cities used alongside them. Each
 * reason names its usual colour; the operator may choose another, and must always give the
 * legal basis and may add free text. The guidance tells the resident how the mark is lifted.
 */
import type { Color } from './color';
import type { Locale } from './locale';

export const MARK_COLORS = ['yellow', 'red'] as const;
export type MarkColor = (typeof MARK_COLORS)[number];

interface MarkReasonEntry {
  usualColor: MarkColor;
  text: Record<Locale, string>;
  guidance: Record<Locale, string>;
}

const entry = (usualColor: MarkColor, zh: string, en: string, guidanceZh: string, guidanceEn: string): MarkReasonEntry => ({
  usualColor,
  text: { zh, en },
  guidance: { zh: guidanceZh, en: guidanceEn },
});

export const MARK_REASONS = {
  HOME_ISOLATION: entry(
    'red',
    '居家隔离人员',
    'Home isolation',
    '隔离期满并经检测合格后，由设置部门解除。',
    'Lifted by the authority that set it once isolation ends and tests are negative.',
  ),
  CENTRALISED_ISOLATION: entry(
    'red',
    '集中隔离人员',
    'Centralised isolation',
    '隔离期满并经检测合格后，由设置部门解除。',
    'Lifted by the authority that set it once isolation ends and tests are negative.',
  ),
  CLOSE_CONTACT: entry(
    'red',
    '密切接触者',
    'Close contact',
    '请按指引完成隔离和核酸检测，期满后由设置部门解除。',
    'Follow the isolation and testing instructions; the authority lifts it when they are complete.',
  ),
  SUSPECTED_CASE: entry(
    'red',
    '疑似病例',
    'Suspected case',
    '请在定点医院完成诊治，排除后由设置部门解除。',
    'Complete care at a designated hospital; lifted once the case is ruled out.',
  ),
  CONFIRMED_CASE: entry(
    'red',
    '确诊病例',
    'Confirmed case',
    '治愈出院并完成健康监测后，由设置部门解除。',
    'Lifted after recovery, discharge and the follow-up health monitoring.',
  ),
  POSITIVE_TEST: entry(
    'red',
    '核酸检测阳性',
    'Positive nucleic-acid test',
    '请按指引复核检测；复核阴性或治愈后由设置部门解除。',
    'Follow the instructions for a re-test; lifted after a negative re-test or recovery.',
  ),
  HIGH_RISK_ARRIVAL: entry(
    'red',
    '高风险地区来（返）人员',
    'Arrival from a high-risk area',
    '请向社区报备并按要求隔离检测，期满后由设置部门解除。',
    'Report to your community and isolate and test as required; lifted when complete.',
  ),
  SECONDARY_CONTACT: entry(
    'yellow',
    '次密切接触者',
    'Contact of a close contact',
    '请按要求居家健康监测并检测，期满后由设置部门解除。',
    'Monitor your health at home and test as required; lifted when complete.',
  ),
  MEDIUM_RISK_ARRIVAL: entry(
    'yellow',
    '中风险地区来（返）人员',
    'Arrival from a medium-risk area',
    '请向社区报备并按要求检测，期满后由设置部门解除。',
    'Report to your community and test as required; lifted when complete.',
  ),
  HEALTH_MONITORING: entry(
    'yellow',
    '居家健康监测',
    'Home health monitoring',
    '监测期满且检测正常后，由设置部门解除。',
    'Lifted when the monitoring period ends with normal tests.',
  ),
} satisfies Record<string, MarkReasonEntry>;

export type MarkReasonCode = keyof typeof MARK_REASONS;
export const MARK_REASON_CODES = Object.keys(MARK_REASONS) as MarkReasonCode[];

export function isMarkReason(code: string): code is MarkReasonCode {
  return Object.prototype.hasOwnProperty.call(MARK_REASONS, code);
}

export function markReasonText(code: MarkReasonCode, locale: Locale): { text: string; guidance: string; usualColor: Color } {
  const r = MARK_REASONS[code];
  return { text: r.text[locale], guidance: r.guidance[locale], usualColor: r.usualColor };
}

/** Whether an authority of district `holder` may lift a mark set by district `setter`: the
 * same district, or one above it (GB/T 2260: 110000 province ⊃ 110100 city ⊃ 110105 district). */
export function districtCovers(holder: string, setter: string): boolean {
  if (holder === setter) return true;
  if (/^\d{2}0000$/.test(holder)) return setter.startsWith(holder.slice(0, 2));
  if (/^\d{4}00$/.test(holder)) return setter.startsWith(holder.slice(0, 4));
  return false;
}
