/**
 * Language: Chinese by default, English on request. The choice is a UI preference, not
 * personal data, so it is the one thing besides the session token kept on the device.
 */
import Taro from '@tarojs/taro';
import { createContext, createElement, useContext, useMemo, useState, type PropsWithChildren } from 'react';
import type { Locale } from '@yima/shared';
import { messages, type MessageKey } from './messages';

const STORAGE_KEY = 'yima.locale';

export function storedLocale(): Locale {
  try {
    return Taro.getStorageSync(STORAGE_KEY) === 'en' ? 'en' : 'zh';
  } catch {
    return 'zh';
  }
}

export function translate(locale: Locale, key: MessageKey, params: Record<string, string | number> = {}): string {
  return messages[locale][key].replace(/\{(\w+)\}/g, (_, name: string) => String(params[name] ?? ''));
}

/** Text for a BFF error code, falling back to a generic line for codes the app does not know. */
export function errorText(locale: Locale, code: string, params: Record<string, string | number> = {}): string {
  const key = `error.${code}` as MessageKey;
  return key in messages[locale] ? translate(locale, key, params) : translate(locale, 'error.default');
}

interface I18n {
  locale: Locale;
  t: (key: MessageKey, params?: Record<string, string | number>) => string;
  setLocale: (locale: Locale) => void;
  toggleLocale: () => void;
}

const I18nContext = createContext<I18n | null>(null);

export function I18nProvider({ children }: PropsWithChildren) {
  const [locale, setLocaleState] = useState<Locale>(storedLocale);
  const value = useMemo<I18n>(() => {
    const setLocale = (next: Locale) => {
      Taro.setStorageSync(STORAGE_KEY, next);
      setLocaleState(next);
    };
    return {
      locale,
      t: (key, params) => translate(locale, key, params),
      setLocale,
      toggleLocale: () => setLocale(locale === 'zh' ? 'en' : 'zh'),
    };
  }, [locale]);
  return createElement(I18nContext.Provider, { value }, children);
}

export function useI18n(): I18n {
  const ctx = useContext(I18nContext);
  if (!ctx) throw new Error('useI18n outside I18nProvider');
  return ctx;
}
