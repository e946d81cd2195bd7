/**
 * Why a code has its colour: stable codes with Chinese and English text and what the
 * resident can do about it (seed 004: a colour without a reason and a way out is the
 * failure we are here to avoid).
 */
import type { Locale } from './locale';

export const REASON_CODES = [
  'NO_CHECKIN',
  'CHECKIN_OK',
  'CHECKIN_OVERDUE',
  'FEVER',
  'SYMPTOMS',
  'MEDIUM_RISK_AREA',
  'HIGH_RISK_AREA',
  'CONTACT_SUSPECTED',
  'CONTACT_CONFIRMED',
  'IDENTITY_UNVERIFIED',
] as const;
export type ReasonCode = (typeof REASON_CODES)[number];

interface ReasonText {
  text: string;
  guidance: string;
}

const CATALOG: Record<ReasonCode, Record<Locale, ReasonText>> = {
  NO_CHECKIN: {
    zh: { text: '尚未打卡', guidance: '完成今日健康打卡后即可生成健康码。' },
    en: { text: 'No check-in yet', guidance: "Complete today's health check-in to get your code." },
  },
  CHECKIN_OK: {
    zh: { text: '健康打卡正常', guidance: '请每 3 天内至少打卡一次。' },
    en: { text: 'Check-in normal', guidance: 'Check in at least once every 3 days.' },
  },
  CHECKIN_OVERDUE: {
    zh: { text: '超过 3 天未打卡', guidance: '重新完成健康打卡，绿码即可恢复。' },
    en: { text: 'No check-in for over 3 days', guidance: 'Check in again to get your green code back.' },
  },
  FEVER: {
    zh: { text: '申报发热（体温 ≥ 37.3℃）', guidance: '请到就近发热门诊就诊；体温正常后重新打卡。' },
    en: { text: 'Fever declared (≥ 37.3 °C)', guidance: 'Visit the nearest fever clinic; check in again once your temperature is normal.' },
  },
  SYMPTOMS: {
    zh: { text: '申报有症状', guidance: '请留意身体状况，必要时就医；症状消失后重新打卡。' },
    en: { text: 'Symptoms declared', guidance: 'Watch your health and see a doctor if needed; check in again when symptoms are gone.' },
  },
  MEDIUM_RISK_AREA: {
    zh: { text: '14 天内到过中风险地区', guidance: '请联系所在社区报备，按要求完成核酸检测。' },
    en: { text: 'Visited a medium-risk area within 14 days', guidance: 'Report to your community and take a nucleic-acid test as required.' },
  },
  HIGH_RISK_AREA: {
    zh: { text: '14 天内到过高风险地区', guidance: '请立即联系所在社区，按要求隔离并检测。' },
    en: { text: 'Visited a high-risk area within 14 days', guidance: 'Contact your community now; isolate and test as required.' },
  },
  CONTACT_SUSPECTED: {
    zh: { text: '与疑似病例有接触', guidance: '请联系所在社区，按要求完成检测。' },
    en: { text: 'Contact with a suspected case', guidance: 'Contact your community and take a test as required.' },
  },
  CONTACT_CONFIRMED: {
    zh: { text: '与确诊病例有接触', guidance: '请立即联系所在社区或疾控中心，按要求隔离。' },
    en: { text: 'Contact with a confirmed case', guidance: 'Contact your community or CDC now and isolate as required.' },
  },
  // An account that has not verified its identity while its record holds what others
  // reported (docs/decisions/0008-real-name-verification.md): neither the colour nor a pass.
  IDENTITY_UNVERIFIED: {
    zh: { text: '尚未完成实名核验', guidance: '您的档案中有他人或部门登记的信息，请先完成刷脸实名核验后查看健康码。' },
    en: {
      text: 'Identity not yet verified',
      guidance: 'Your record holds information reported by others: verify your identity (face check) to see your code.',
    },
  },
};

export function reasonText(code: ReasonCode, locale: Locale): ReasonText {
  return CATALOG[code][locale];
}
