/**
 * What the home page's first card says about the person's code: the colour and one line
 * under it. An account that must verify its identity first sees that instead of a colour
 * (its record is not shown, decision 0008); a grey code asks for a check-in; a colour whose
 * check-in is due says so. Until the code has loaded (or when it cannot) the card shows no
 * colour, only the way to the code page.
 */
import type { CodeAnswer, Color } from '@yima/shared';
import type { MessageKey } from './i18n/messages';

export type HomeStatus = { kind: 'loading' } | { kind: 'unavailable' } | { kind: 'verify' } | { kind: 'color'; color: Color; hint: MessageKey | null };

type CodeFacts = Pick<CodeAnswer, 'color' | 'checkin' | 'verificationRequired'>;

export function homeStatus(code: CodeFacts | null, failed: boolean): HomeStatus {
  if (!code) return failed ? { kind: 'unavailable' } : { kind: 'loading' };
  if (code.verificationRequired) return { kind: 'verify' };
  if (code.color === 'grey') return { kind: 'color', color: 'grey', hint: code.checkin.lastAt ? 'home.status.greyChecked' : 'home.status.checkinFirst' };
  return { kind: 'color', color: code.color, hint: code.checkin.due ? 'home.status.checkinDue' : null };
}
