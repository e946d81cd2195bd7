/**
 * The one zod refinement for free text in a request (decision 0011): the string holds no
 * control characters, bidi overrides, lone surrogates or XML-illegal noncharacters
 * (../text.ts). A violation is a 400 INVALID_CHARACTERS naming the field and the character.
 * Append it after trimming and length checks: `z.string().trim().max(120).superRefine(safeText())`;
 * `safeText({ multiline: true })` where a person may write lines (notes, reasons): tab and
 * line feed are then allowed.
 */
import type { z } from 'zod';
import { unsafeCharIn } from '../text';

export function safeText(opts: { multiline?: boolean } = {}) {
  return (value: string, ctx: z.RefinementCtx): void => {
    const hit = unsafeCharIn(value, opts);
    if (hit)
      ctx.addIssue({ code: 'custom', message: `must not contain control or formatting characters (found ${hit})`, params: { code: 'INVALID_CHARACTERS' } });
  };
}
