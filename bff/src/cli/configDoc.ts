/** `npm run docs:config`: rewrites docs/configuration.md's key table from config.ts. */
import { readFile, writeFile } from 'node:fs/promises';
import { CONFIG_DOC, withGeneratedTable } from '../configDoc';

const doc = await readFile(CONFIG_DOC, 'utf8');
await writeFile(CONFIG_DOC, withGeneratedTable(doc));
console.log(`wrote ${CONFIG_DOC}`);
