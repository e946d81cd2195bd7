import { useState } from 'react';
import { failureText } from '../errorWords';
import { usePrefs } from '../prefs';

/**
 * The one error or notice a page shows at its top (components/Message): `fail` words a failure
 * by its error code and clears the notice, `say` shows a notice and clears the error — the
 * operator pages' pattern, kept in one place.
 */
export function usePageMessages() {
  const { locale } = usePrefs();
  const [error, setError] = useState<string | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  return {
    error,
    notice,
    setError,
    fail: (err: unknown) => {
      setNotice(null);
      setError(failureText(locale, err));
    },
    say: (text: string) => {
      setError(null);
      setNotice(text);
    },
  };
}
