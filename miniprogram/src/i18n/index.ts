/** Translation: Chinese by default, English on request (the choice lives in prefs/). */
import type { Locale } from '@yima/shared';
import { messages, type MessageKey } from './messages';

export function translate(locale: Locale, key: MessageKey, params: Record<string, string | number> = {}): string {
  return messages[locale][key].replace(/\{(\w+)\}/g, (_, name: string) => String(params[name] ?? ''));
}

/**
 * Text for a BFF error code (`error.<CODE>`, i18n/text/errors.ts). A code the app has no words
 * for — from a BFF newer than the app — shows the BFF's own `message` as the last resort: a
 * developer's English sentence, but more than a generic line says; without one, the generic line.
 */
export function errorText(locale: Locale, code: string, params: Record<string, string | number> = {}, message = ''): string {
  const key = `error.${code}` as MessageKey;
  if (key in messages[locale]) return translate(locale, key, params);
  return message ? translate(locale, 'error.unknown', { message }) : translate(locale, 'error.default');
}
