/** One NDJSON line of a provincial batch, checked: a state to apply or the reason it is not. */
import { chinaDate, ID_PROBLEM_MESSAGES, parseIdNumber, type Color, type ErrorCode } from '@yima/shared';
import { provincialLine } from '@yima/shared/contracts/merge';

export const MAX_LINE_BYTES = 2048;
/** A feed's clock may run a little ahead of ours; a state further in the future is refused. */
const FUTURE_TOLERANCE_MS = 5 * 60_000;

export interface ValidLine {
  line: number;
  idNumber: string;
  color: Exclude<Color, 'grey'>;
  reasonCode: string;
  reasonText: string;
  setBy: string;
  effectiveAt: Date;
  version: number;
}

export type LineResult = { ok: true; value: ValidLine } | { ok: false; line: number; code: ErrorCode; message: string };

export function checkLine(text: string, line: number, now: Date, today = chinaDate(now)): LineResult {
  const bad = (code: ErrorCode, message: string): LineResult => ({ ok: false, line, code, message });
  if (text.length > MAX_LINE_BYTES) return bad('LINE_TOO_LONG', `a line may hold at most ${MAX_LINE_BYTES} characters`);
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    return bad('INVALID_JSON', 'not a JSON object');
  }
  const parsed = provincialLine.safeParse(json);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const code = ((issue.code === 'custom' && (issue.params as { code?: ErrorCode } | undefined)?.code) || 'INVALID_LINE') as ErrorCode;
    return bad(code, `${issue.path.join('.') || 'line'}: ${issue.message}`);
  }
  const v = parsed.data;
  const id = parseIdNumber(v.idNumber, today);
  if (!id.ok) return bad('INVALID_ID_NUMBER', ID_PROBLEM_MESSAGES[id.problem]);
  const effectiveAt = new Date(v.effectiveAt);
  if (effectiveAt.getTime() > now.getTime() + FUTURE_TOLERANCE_MS) return bad('FUTURE_EFFECTIVE_AT', 'effectiveAt is in the future');
  return { ok: true, value: { line, idNumber: id.idNumber, color: v.color, reasonCode: v.reasonCode, reasonText: v.reasonText, setBy: v.setBy, effectiveAt, version: v.version } };
}
