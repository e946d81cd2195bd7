/** Translation: Chinese by default, English on request (the choice lives in prefs/). */
import type { Locale } from '@yima/shared';
import { messages, type MessageKey } from './messages';

export function translate(locale: Locale, key: MessageKey, params: Record<string, string | number> = {}): string {
  return messages[locale][key].replace(/\{(\w+)\}/g, (_, name: string) => String(params[name] ?? ''));
}

/** Text for a BFF error code, falling back to a generic line for codes the app does not know. */
export function errorText(locale: Locale, code: string, params: Record<string, string | number> = {}): string {
  const key = `error.${code}` as MessageKey;
  return key in messages[locale] ? translate(locale, key, params) : translate(locale, 'error.default');
}
