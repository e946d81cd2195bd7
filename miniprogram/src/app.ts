import { createElement, type PropsWithChildren } from 'react';
import { I18nProvider } from './i18n';
import './app.css';

/** The app shell: pages render as children, inside the language provider. */
export default function App({ children }: PropsWithChildren) {
  return createElement(I18nProvider, null, children);
}
