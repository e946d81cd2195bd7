/**
 * Who may verify and print a paper code (issue 10, finding 5). Verifying tells the holder's
 * current colour and masked name: venue staff (of any place) and admins, who check people at
 * gates, and the holder's own account or whoever files for them now. Printing is for the holder
 * (verified, or who issued it) and their filers. Both need the code's holder loaded first, so
 * the services ask.
 */
import { holds, isAdmin, type Actor } from '../../policy/actor';
import { definePolicy } from '../../policy/policy';

export type PaperCodeResources = {
  /** `holderOrFiler`: the actor is the holder's account or files for the holder now. */
  verifyPaperCode: { holderOrFiler: boolean };
  /** The holder's account (if any), whether it is verified, who issued the code, who files now. */
  printPaperCode: { ownerUserId: string | null; ownerVerified: boolean; issuedBy: string; filerUserIds: readonly string[] };
};
export type PaperCodeAction = keyof PaperCodeResources;

export const paperCodesPolicy = definePolicy<PaperCodeResources>({
  verifyPaperCode: (actor, code) => isAdmin(actor) || holds(actor, 'venue-staff') || code.holderOrFiler,
  // An account that has only declared it is the holder prints what others issued only once
  // verified (docs/decisions/0008). No role is asked: paper.printable reads no grants.
  printPaperCode: (actor, code) =>
    (code.ownerUserId === actor.userId && (code.ownerVerified || code.issuedBy === actor.userId)) || code.filerUserIds.includes(actor.userId),
});

export const PAPER_CODE_ACTIONS = paperCodesPolicy.actions;

/** Staff and admins verify any holder's code: asked first, so they cost no query about the holder. */
export const verifiesAnyHolder = (actor: Actor): boolean => paperCodesPolicy.can(actor, 'verifyPaperCode', { holderOrFiler: false });
