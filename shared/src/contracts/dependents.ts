/** Contracts for filing for relatives and paper codes (SPEC C5, docs/api.md). */
import { z } from 'zod';
import { RELATIONS } from '../relatives';
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

/** POST …/paper-codes. Without `replace`, a holder who has a valid card gets 409
 * PAPER_CODE_EXISTS: replacing voids the card the family printed, so it must be asked for. */
export const issuePaperCodeRequest = z.strictObject({
  replace: z.boolean().optional(),
});
export type IssuePaperCodeRequest = z.infer<typeof issuePaperCodeRequest>;

// Response types are inferred from the response schemas (./responses/dependents).
export type { DependentView, PaperCodeView, CurrentPaperCode, FilingAttemptView } from './responses/dependents';
