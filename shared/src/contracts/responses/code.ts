/** Answers of the personal code, its history, check-ins and risk areas (SPEC C2–C4). */
import { z } from 'zod';
import { RISK_LEVELS } from '../../checkinOptions';
import { MERGE_POLICIES } from '../../mergePolicy';
import { REASON_CODES } from '../../reasons';
import { checkinRequest, regionCode } from '../checkin';
import { color, count, filedBy, idString, isoDay, isoTime, wordParams } from './common';
import { conversionRequestView } from './conversions';
import { codeNucleicAcid, codeVaccination } from './healthRecords';

/** One source's state and how fresh it is. */
export const codeSourceView = z.strictObject({
  /** `checkin`, `provincial`, `mark:<district>`, `recognised:<issuer>`. */
  source: z.string(),
  color,
  asOf: isoTime,
  /** Older than the merge policy's freshness limit for its kind: it no longer decides. */
  stale: z.boolean(),
});
export type CodeSourceView = z.infer<typeof codeSourceView>;

/** Why the code has its colour: one reason of one source, as a code and parameters the client words. */
export const codeReasonView = z.strictObject({
  source: z.string(),
  color,
  /** Why, as a code the client words with what to do (decision 0017): a check-in reason, a
   * mark reason, or a provincial platform's own code. */
  reasonCode: z.string(),
  /** What the code's words fill in (decision 0017: a worded thing is a code and its params):
   * `CHECKIN_HELD` has `{healthyDays, needed, greenOn}` — the consecutive healthy check-in days
   * so far, the days needed, and the China date (YYYY-MM-DD) it turns green if the person
   * checks in healthy every day from the next one; `{}` for the others. */
  params: wordParams,
  /** Free text attached by people or the provincial platform (a mark's note, the platform's
   * words), as written; '' when none. */
  note: z.string(),
  setBy: z.string(),
  effectiveAt: isoTime.nullable(),
  /** Where to ask or contest it. */
  hotline: z.string(),
  /** For an authority mark: the legal basis and the district whose authority (or one above
   * it) can lift it. */
  mark: z.strictObject({ id: idString, legalBasis: z.string(), district: z.string() }).optional(),
});
export type CodeReasonView = z.infer<typeof codeReasonView>;

/** `GET /api/me/code`: the merged colour, explained, with a freshly signed QR token. */
export const codeAnswer = z.strictObject({
  color,
  qr: z.string(),
  /** When this QR was made (a token reused within seconds keeps its time). */
  generatedAt: isoTime,
  expiresAt: isoTime,
  refreshAfterSeconds: count,
  /** The state version: pass it to `GET /api/me/code/changes?since=`. */
  version: count,
  holder: z.strictObject({ name: z.string().nullable(), idNumber: z.string().nullable() }),
  policy: z.enum(MERGE_POLICIES),
  /** The source whose colour won; null when nothing is known. */
  decidedBy: z.string().nullable(),
  reasons: z.array(codeReasonView),
  sources: z.array(codeSourceView),
  checkin: z.strictObject({ lastAt: isoTime.nullable(), dueAt: isoTime.nullable(), due: z.boolean() }),
  /** Conversion requests (转码申请: asking for a review of a yellow or red colour): whether one
   * may be filed now (yellow or red, none open), and the latest one with where it stands; null
   * while this BFF takes none (the page then offers no entry). */
  conversion: z.strictObject({ requestable: z.boolean(), latest: conversionRequestView.nullable() }).nullable(),
  /** The latest nucleic-acid round with its badge, and the vaccination doses (decision 0026);
   * null when the feeds hold none for the person. */
  nucleicAcid: codeNucleicAcid,
  vaccination: codeVaccination,
  /** The account must verify its identity before its record is shown (decision 0008). */
  verificationRequired: z.literal(true).optional(),
});
export type CodeAnswer = z.infer<typeof codeAnswer>;

/** A relative's code: the same answer, plus who files for them and how related. */
export const dependentCodeAnswer = codeAnswer.extend({ filedBy });
export type DependentCodeAnswer = z.infer<typeof dependentCodeAnswer>;

export const codeChanges = z.strictObject({ changed: z.boolean() });

export const auditEntry = z.strictObject({
  at: isoTime,
  from: color,
  to: color,
  decidedBy: z.string(),
  actor: z.string(),
  /** Why, as a code the client words (decision 0017): a check-in reason, a mark reason,
   * `MARK_LIFTED`, `CHECKIN_HEALTHY_RUN` (a run of healthy check-ins lowered a declared
   * colour), `NO_STATE`, a provincial platform's own code, or a view of the record
   * (`VIEWED_BY_COMMUNITY_WORKER`, `VIEWED_BY_ADMIN`). */
  reasonCode: z.string(),
  /** Free text a person or the provincial platform attached (a mark's note, why a mark was
   * lifted, the platform's words), as written; '' when none. Not worded by the BFF. */
  note: z.string(),
  /** What the code's words fill in: `CHECKIN_HEALTHY_RUN` has `{days}`; a view of the record
   * (`VIEWED_BY_COMMUNITY_WORKER`, `VIEWED_BY_ADMIN`, whose `from` and `to` are both the colour
   * shown) the grid it was viewed through: `scope` (its code) and `scopeName`; `{}` for the others. */
  params: wordParams,
});
export type AuditEntry = z.infer<typeof auditEntry>;
export const auditResponse = z.strictObject({ entries: z.array(auditEntry) });
export type AuditResponse = z.infer<typeof auditResponse>;

/** 201 of a check-in: the colour the declaration alone gives, and why. */
export const checkinResult = z.strictObject({
  day: isoDay,
  /** A second check-in the same day replaced the first. */
  updated: z.boolean(),
  color,
  /** Why, as codes the client words with what to do (decision 0017). */
  reasons: z.array(z.enum(REASON_CODES)),
  checkedInAt: isoTime,
});
export type CheckinResult = z.infer<typeof checkinResult>;

export const checkinHistoryEntry = z.strictObject({
  day: isoDay,
  color,
  reasons: z.array(z.enum(REASON_CODES)),
  checkedInAt: isoTime,
  answers: checkinRequest,
});
export type CheckinHistoryEntry = z.infer<typeof checkinHistoryEntry>;
export const checkinHistory = z.strictObject({ checkins: z.array(checkinHistoryEntry) });

/** `id` names the period for an operator ending it; `effectiveTo` is when it is set to end. */
export const riskAreaItem = z.strictObject({
  id: idString,
  code: regionCode,
  name: z.string(),
  level: z.enum(RISK_LEVELS),
  effectiveFrom: isoTime,
  effectiveTo: isoTime.nullable(),
});
export type RiskAreaItem = z.infer<typeof riskAreaItem>;
export const riskAreaList = z.strictObject({ areas: z.array(riskAreaItem) });

const publishedKey = z.strictObject({ kid: z.number().int(), alg: z.literal('Ed25519'), publicKey: z.string() });
/** `GET /api/trust-list`: our public keys and the issuers (other regions) we trust. */
export const trustList = z.strictObject({
  issuer: z.string(),
  keys: z.array(publishedKey),
  trusted: z.array(z.strictObject({ id: z.string(), name: z.string(), keys: z.array(publishedKey) })),
});
export type TrustListAnswer = z.infer<typeof trustList>;
