/**
 * Display preferences: language and elder mode (large type, simplified code page). They are
 * UI choices, not personal data, so with the session token they are all the app keeps on
 * the device (SPEC, Privacy).
 */
import { createContext, createElement, useContext, useMemo, useState, type PropsWithChildren } from 'react';
import type { Locale } from '@yima/shared';
import { translate } from '../i18n';
import { saveLocale } from '../services/me';
import { getToken } from '../services/session';
import { storage } from '../services/storage';
import type { MessageKey } from '../i18n/messages';

const LOCALE_KEY = 'yima.locale';
const ELDER_KEY = 'yima.elder';

export interface Prefs {
  locale: Locale;
  elder: boolean;
  t: (key: MessageKey, params?: Record<string, string | number>) => string;
  setLocale: (locale: Locale) => void;
  toggleLocale: () => void;
  toggleElder: () => void;
  /** Class names for a page root: elder mode enlarges type through CSS. */
  pageClass: string;
}

const PrefsContext = createContext<Prefs | null>(null);

export function PrefsProvider({ children }: PropsWithChildren) {
  const [locale, setLocaleState] = useState<Locale>(() => (storage.get(LOCALE_KEY) === 'en' ? 'en' : 'zh'));
  const [elder, setElder] = useState<boolean>(() => storage.raw(ELDER_KEY) === true);
  const value = useMemo<Prefs>(() => {
    const setLocale = (next: Locale) => {
      storage.keep(LOCALE_KEY, next);
      setLocaleState(next);
      // The BFF words a few things itself (SMS, printed cards; decision 0017): it must
      // know the language the person chose. The switch itself never waits for it.
      if (getToken()) saveLocale(next).catch(() => undefined);
    };
    return {
      locale,
      elder,
      t: (key, params) => translate(locale, key, params),
      setLocale,
      toggleLocale: () => setLocale(locale === 'zh' ? 'en' : 'zh'),
      toggleElder: () => {
        storage.keep(ELDER_KEY, !elder);
        setElder(!elder);
      },
      pageClass: elder ? 'page page--elder' : 'page',
    };
  }, [locale, elder]);
  return createElement(PrefsContext.Provider, { value }, children);
}

export function usePrefs(): Prefs {
  const ctx = useContext(PrefsContext);
  if (!ctx) throw new Error('usePrefs outside PrefsProvider');
  return ctx;
}
