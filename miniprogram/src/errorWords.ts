/**
 * The words for a request that failed, the one way screens say it: by the BFF's error code
 * (i18n errorText), with the wait of a 429 as `{s}`, and the BFF's message only for a code the
 * app has no words for. Anything that is not an answer of the BFF is a generic failure.
 */
import type { Locale } from '@yima/shared';
import { errorText } from './i18n';
import { ApiError } from './services/apiError';

export function failureText(locale: Locale, err: unknown): string {
  if (!(err instanceof ApiError)) return errorText(locale, 'default');
  return errorText(locale, err.code, { s: err.retryAfterSeconds ?? '' }, err.message);
}
