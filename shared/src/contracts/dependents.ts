/** Contracts for filing for relatives and paper codes (SPEC C5, ../shared/API.md). */
import { z } from 'zod';
import type { Color } from '../color';
import { RELATIONS, type FilingOutcome } from '../relatives';
import { safeText } from './text';

const withCode = (code: string, message: string) => ({ message, params: { code } });

export const addDependentRequest = z
  .strictObject({
    name: z.string().max(64),
    idNumber: z.string().max(32),
    relation: z.enum(RELATIONS),
    /** The filer's words when relation is "other" (e.g. 舅舅). */
    relationText: z.string().trim().min(1).max(20).superRefine(safeText()).optional(),
    /** "I am their guardian or have their consent": must be true. */
    consent: z.boolean().refine((v) => v, withCode('CONSENT_REQUIRED', 'consent: confirm you are their guardian or have their consent')),
  })
  .refine((v) => v.relation !== 'other' || v.relationText, { message: 'relationText: say how you are related', path: ['relationText'] });
export type AddDependentRequest = z.infer<typeof addDependentRequest>;

export interface DependentView {
  id: string;
  name: string;
  idNumber: string;
  relation: string;
  relationLabel: string;
  color: Color;
  /** Other family members filing for the same person, as "张*". */
  alsoFiledBy: string[];
  /** The person registered on their own phone: they can see and remove filers. */
  hasOwnAccount: boolean;
  /** When the person verified their identity and claimed their own record: the family keeps
   * filing until the person ends it, and is told so on the family page. */
  verifiedOwnerSince: string | null;
}

export interface PaperCodeView {
  id: string;
  qr: string;
  color: Color;
  issuedAt: string;
  validUntil: string;
  holder: { name: string };
  filedBy: { name: string; relation: string } | null;
}

/** The paper code a holder has now, if any: what the page shows (viewing never issues). */
export interface CurrentPaperCode {
  paperCode: PaperCodeView | null;
}

/** POST …/paper-codes. Without `replace`, a holder who has a valid card gets 409
 * PAPER_CODE_EXISTS: replacing voids the card the family printed, so it must be asked for. */
export const issuePaperCodeRequest = z.strictObject({
  replace: z.boolean().optional(),
});
export type IssuePaperCodeRequest = z.infer<typeof issuePaperCodeRequest>;

/** Someone's attempt to file for me, as GET /api/me/filing-attempts lists it. */
export interface FilingAttemptView {
  /** The filer's registered name, masked ("张*三"). */
  filer: string;
  relation: string;
  relationLabel: string;
  at: string;
  outcome: FilingOutcome;
}
