/**
 * The BFF's own words: only what it must word itself because no app words it — the login SMS,
 * the printed paper-code card, the place poster, and the mark reasons operators choose from
 * (`GET /api/mark-reasons`). Everything a screen of the app shows, the app words from codes and
 * parameters (miniprogram/src/i18n/text/; docs/decisions/0017-one-home-for-wording.md). Texts
 * for a person are in their `users.locale` (zh unless they chose en); the SMS goes out before
 * there is an account, so it carries both languages. Where the app words the same thing (a
 * mark reason's name, who files for a holder) test/integration/wording.test.ts checks that
 * both say the same.
 */
import type { Color, Locale, MarkReasonCode, Relation, VenueType } from '@yima/shared';

/** The login SMS as the outbox shows it; the real provider sends the same through its
 * approved template (code and minutes as parameters). */
export function loginCodeText(code: string, validMinutes: number): string {
  return `【一码通行】验证码 ${code}，${validMinutes} 分钟内有效，请勿告诉他人。Yima code ${code}, valid ${validMinutes} min.`;
}

/** What each mark reason is called, for operators' lists (the app has its own words with the
 * guidance, miniprogram/src/i18n/text/reasons.ts). */
export const MARK_REASON_NAMES: Record<MarkReasonCode, Record<Locale, string>> = {
  HOME_ISOLATION: { zh: '居家隔离人员', en: 'Home isolation' },
  CENTRALISED_ISOLATION: { zh: '集中隔离人员', en: 'Centralised isolation' },
  CLOSE_CONTACT: { zh: '密切接触者', en: 'Close contact' },
  SUSPECTED_CASE: { zh: '疑似病例', en: 'Suspected case' },
  CONFIRMED_CASE: { zh: '确诊病例', en: 'Confirmed case' },
  POSITIVE_TEST: { zh: '核酸检测阳性', en: 'Positive nucleic-acid test' },
  HIGH_RISK_ARRIVAL: { zh: '高风险地区来（返）人员', en: 'Arrival from a high-risk area' },
  SECONDARY_CONTACT: { zh: '次密切接触者', en: 'Contact of a close contact' },
  MEDIUM_RISK_ARRIVAL: { zh: '中风险地区来（返）人员', en: 'Arrival from a medium-risk area' },
  HEALTH_MONITORING: { zh: '居家健康监测', en: 'Home health monitoring' },
};

/** Who files for the holder, as the card prints it: the filer's masked name and the relation
 * the holder was filed as (what the holder is to the filer). */
export interface CardFiledBy {
  name: string;
  relation: Relation;
  relationText: string | null;
}

/**
 * "由 张*三（持码人的子女）代办": what the filer is to the holder, the other way round from how
 * the relation is stored (`parent`: the holder is the filer's parent, so the filer is their
 * child) — unambiguous to whoever reads the card, the guard or the holder. For `other` the
 * filer's own words can only say what the holder is to them. The app words it the same
 * (miniprogram/src/i18n/text/family.ts, `filedBy.*`).
 */
const FILED_BY: Record<
  Locale,
  Record<Exclude<Relation, 'other'>, (name: string) => string> & { other: (name: string, text: string) => string; plain: (name: string) => string }
> = {
  zh: {
    parent: (name) => `由 ${name}（持码人的子女）代办`,
    child: (name) => `由 ${name}（持码人的父母）代办`,
    spouse: (name) => `由 ${name}（持码人的配偶）代办`,
    grandparent: (name) => `由 ${name}（持码人的孙子女/外孙子女）代办`,
    other: (name, text) => `由 ${name} 代办（持码人是 TA 的${text}）`,
    plain: (name) => `由 ${name} 代办`,
  },
  en: {
    parent: (name) => `Filed by ${name}, the holder's child`,
    child: (name) => `Filed by ${name}, the holder's parent`,
    spouse: (name) => `Filed by ${name}, the holder's spouse`,
    grandparent: (name) => `Filed by ${name}, the holder's grandchild`,
    other: (name, text) => `Filed by ${name} (the holder is their ${text})`,
    plain: (name) => `Filed by ${name}`,
  },
};

export function filedByLine(f: CardFiledBy, locale: Locale): string {
  const w = FILED_BY[locale] ?? FILED_BY.zh;
  if (f.relation !== 'other') return w[f.relation](f.name);
  return f.relationText ? w.other(f.name, f.relationText) : w.plain(f.name);
}

/** The paper code card's fixed texts (features/paperCodes/printView.ts lays them out). */
export interface PaperCardWords {
  header: string;
  color: Record<Color, string>;
  validUntil: (at: string) => string;
  instructions: string[];
  issuer: (id: string) => string;
}

export const PAPER_CARD: Record<Locale, PaperCardWords> = {
  zh: {
    header: '健康码（纸质）',
    color: { green: '绿码', yellow: '黄码', red: '红码', grey: '暂无状态' },
    validUntil: (at) => `有效期至 ${at}（北京时间）`,
    instructions: [
      '请出示此码供工作人员扫描核验。',
      '本码仅显示健康状态与姓名，不能登录，也不能查询个人信息。',
      '补打新码后旧码作废；颜色变差时本码自动作废，请重新打印。',
    ],
    issuer: (id) => `签发：${id}`,
  },
  en: {
    header: 'Health code (paper)',
    color: { green: 'Green', yellow: 'Yellow', red: 'Red', grey: 'No status' },
    validUntil: (at) => `Valid until ${at} (Beijing time)`,
    instructions: [
      // Shorter than the Chinese: Latin text takes more width at this size (≈ 55 characters a line).
      'Show this code to staff to scan and verify.',
      'Shows only health status and name; cannot log in.',
      'A reprint or a worse colour voids it: print anew.',
    ],
    issuer: (id) => `Issued by: ${id}`,
  },
};

/** The place poster's texts: in Chinese, for everyone passing the place (it belongs to no
 * one account whose language could choose). */
export const PLACE_POSTER = {
  header: '场所码 · 扫码登记',
  /** Before the 10-character code printed under the QR: what the scan page asks people to type
   * when their camera cannot read the QR ("输入二维码下方的 10 位场所码"). */
  codeLabel: '场所码',
  type: { community: '居民小区', unit: '单位', station: '车站', checkpoint: '道路卡口', public: '公共场所' } satisfies Record<VenueType, string>,
  instructions: ['请用微信或支付宝扫码，出示通行码后进入。', '没有智能手机？请向工作人员出示身份证登记，不会被拒之门外。'],
};
