/**
 * One NDJSON line of a health-record batch, checked (docs/health-feeds.md): the contract
 * (shared/src/contracts/healthFeeds.ts), then what a contract cannot know — the ID number's
 * own checks (region, birth date, check character: INVALID_ID_NUMBER, as the provincial feed),
 * and times against our clock: a sample, a report or a dose may not lie in the future (the
 * sender's clock may run up to 5 minutes ahead), nor a report precede its sample. A bad line
 * is reported by number and code; the batch's other lines still apply.
 *
 * No fast path as the provincial feed has: the 1M benchmark (docs/benchmarks.md) did not need
 * one for these lower-volume feeds.
 */
import { chinaDate, ID_PROBLEM_MESSAGES, parseIdNumber, type ErrorCode } from '@yima/shared';
import { nucleicAcidLine, vaccinationLine, type NucleicAcidLine, type VaccinationLine } from '@yima/shared/contracts/healthFeeds';
import { contractRefusal, FUTURE_TOLERANCE_MS, parseLineJson } from '../provincial';

export interface CheckedNucleicAcid {
  idNumber: string;
  sampleId: string;
  sampledAt: Date;
  result: NucleicAcidLine['result'];
  institution: string;
  lab: string;
  reportedAt: Date;
  region: string;
  version: number;
}

export interface CheckedVaccination {
  idNumber: string;
  dose: number;
  /** YYYY-MM-DD, the day in China. */
  givenOn: string;
  product: string;
  site: string;
  region: string;
  version: number;
}

export type Checked<T> = { ok: true; value: T } | { ok: false; line: number; code: ErrorCode; message: string };

/** Our clock, once per batch: `today` is the day in China (a dose's date is a Chinese day). */
export interface LineClock {
  now: Date;
  today: string;
}
export const lineClock = (now: Date): LineClock => ({ now, today: chinaDate(now) });

/** Parses a line against a contract, then the ID number; `more` checks the rest. */
function checkWith<L extends { idNumber: string }, T>(
  schema: { safeParse(v: unknown): { success: true; data: L } | { success: false; error: Parameters<typeof contractRefusal>[0] } },
  text: string,
  line: number,
  clock: LineClock,
  more: (v: L, idNumber: string, bad: (code: ErrorCode, message: string) => Checked<T>) => Checked<T>,
): Checked<T> {
  const bad = (code: ErrorCode, message: string): Checked<T> => ({ ok: false, line, code, message });
  const read = parseLineJson(text);
  if (!read.ok) return bad(read.code, read.message);
  const parsed = schema.safeParse(read.json);
  if (!parsed.success) {
    const refusal = contractRefusal(parsed.error);
    return bad(refusal.code, refusal.message);
  }
  const id = parseIdNumber(parsed.data.idNumber, clock.today);
  if (!id.ok) return bad('INVALID_ID_NUMBER', ID_PROBLEM_MESSAGES[id.problem]);
  return more(parsed.data, id.idNumber, bad);
}

const aheadOf = (at: Date, clock: LineClock) => at.getTime() > clock.now.getTime() + FUTURE_TOLERANCE_MS;

export function checkNucleicAcidLine(text: string, line: number, clock: LineClock): Checked<CheckedNucleicAcid> {
  return checkWith(nucleicAcidLine, text, line, clock, (v, idNumber, bad) => {
    const sampledAt = new Date(v.sampledAt);
    const reportedAt = new Date(v.reportedAt);
    if (aheadOf(sampledAt, clock)) return bad('FUTURE_SAMPLED_AT', 'sampledAt is in the future');
    if (aheadOf(reportedAt, clock)) return bad('FUTURE_REPORTED_AT', 'reportedAt is in the future');
    if (reportedAt < sampledAt) return bad('REPORTED_BEFORE_SAMPLED', 'reportedAt is before sampledAt');
    return { ok: true, value: { ...v, idNumber, sampledAt, reportedAt } };
  });
}

export function checkVaccinationLine(text: string, line: number, clock: LineClock): Checked<CheckedVaccination> {
  return checkWith(vaccinationLine, text, line, clock, (v: VaccinationLine, idNumber, bad) => {
    // Both YYYY-MM-DD: compared as text. A dose is given on a day in China.
    if (v.date > clock.today) return bad('FUTURE_VACCINATION_DATE', `date is after today in China (${clock.today})`);
    return { ok: true, value: { idNumber, dose: v.dose, givenOn: v.date, product: v.product, site: v.site, region: v.region, version: v.version } };
  });
}
