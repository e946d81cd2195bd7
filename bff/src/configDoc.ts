/** docs/configuration.md's key table, generated from the settings in config.ts so the two
 * cannot drift: `npm run docs:config` (cli/configDoc.ts) rewrites it, config.test.ts checks it. */
import { fileURLToPath } from 'node:url';
import { CONFIG_SETTINGS } from './config';
import { docTable } from './settings';

export const CONFIG_DOC = fileURLToPath(new URL('../../docs/configuration.md', import.meta.url));
const START = '<!-- generated from bff/src/config.ts by `npm run docs:config`: edit there -->';
const END = '<!-- end of generated table -->';

/** The document with its table replaced by the generated one. */
export function withGeneratedTable(doc: string): string {
  const from = doc.indexOf(START);
  const to = doc.indexOf(END);
  if (from < 0 || to < from) throw new Error(`${CONFIG_DOC} lacks the markers around its key table`);
  return `${doc.slice(0, from + START.length)}\n${docTable(CONFIG_SETTINGS)}\n${doc.slice(to)}`;
}
