import type { PropsWithChildren } from 'react';
import './app.css';

/** The app shell: pages render as children. Session checks happen per page. */
export default function App({ children }: PropsWithChildren) {
  return children;
}
