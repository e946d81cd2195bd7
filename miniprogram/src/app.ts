import { createElement, type PropsWithChildren } from 'react';
import { PrefsProvider } from './prefs';
import './app.css';
import './platform/buttonStyles';

/** The app shell: pages render as children, inside the preferences provider. */
export default function App({ children }: PropsWithChildren) {
  return createElement(PrefsProvider, null, children);
}
