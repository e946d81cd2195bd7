/** Answers of filing for relatives and of paper codes (SPEC C5). */
import { z } from 'zod';
import { FILING_OUTCOMES } from '../../relatives';
import { color, filedBy, idString, isoTime, maskedHolder, relationFields } from './common';

export const dependentView = z.strictObject({
  /** The filing's id: the `:id` of `/api/dependents/:id/…`. */
  id: idString,
  name: z.string(),
  idNumber: z.string(),
  ...relationFields,
  color,
  /** Other family members filing for the same person, as "张*". */
  alsoFiledBy: z.array(z.string()),
  /** The person registered on their own phone: they can see and remove filers. */
  hasOwnAccount: z.boolean(),
  /** When the person verified their identity and claimed their own record. */
  verifiedOwnerSince: isoTime.nullable(),
});
export type DependentView = z.infer<typeof dependentView>;
export const dependentList = z.strictObject({ dependents: z.array(dependentView) });

/** Someone filing for me (`id` is the filing's id, for `DELETE /api/me/filers/:id`). */
export const filerView = z.strictObject({ id: idString, name: z.string(), ...relationFields, since: isoTime });
export type FilerView = z.infer<typeof filerView>;
export const filerList = z.strictObject({ filers: z.array(filerView) });

/** Someone's attempt to file for me. */
export const filingAttemptView = z.strictObject({
  /** The filer's registered name, masked ("张*三"). */
  filer: z.string(),
  ...relationFields,
  at: isoTime,
  outcome: z.enum(FILING_OUTCOMES),
});
export type FilingAttemptView = z.infer<typeof filingAttemptView>;
export const filingAttemptList = z.strictObject({ attempts: z.array(filingAttemptView) });

export const paperCodeView = z.strictObject({
  id: idString,
  qr: z.string(),
  color,
  issuedAt: isoTime,
  validUntil: isoTime,
  holder: maskedHolder,
  filedBy: filedBy.nullable(),
});
export type PaperCodeView = z.infer<typeof paperCodeView>;

/** The paper code a holder has now, if any (viewing never issues). */
export const currentPaperCode = z.strictObject({ paperCode: paperCodeView.nullable() });
export type CurrentPaperCode = z.infer<typeof currentPaperCode>;

/** `POST /api/paper-codes/verify`: the holder's colour now beside the printed one. */
export const paperCodeCheck = z.strictObject({
  color,
  colorAtIssue: color,
  holder: maskedHolder,
  validUntil: isoTime,
  verifiedOffline: z.literal(false),
});

/** `GET /api/revocations`: paper codes voided before their end, for offline scanners. */
export const revocationList = z.strictObject({
  issuer: z.string(),
  generatedAt: isoTime,
  entries: z.array(z.strictObject({ id: z.string(), expiresAt: isoTime })),
});
export type RevocationsAnswer = z.infer<typeof revocationList>;
