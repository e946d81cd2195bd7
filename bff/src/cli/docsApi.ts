/**
 * `npm run docs:api`: rewrites the route reference of docs/api.md from the route contract
 * table (the hand-written conventions above the marker stay). `--check` only says whether the
 * file is up to date (exit 1 when not), as the unit test does.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { ROUTES } from '@yima/shared/contracts/routes';
import { withRouteReference } from '../openapi/apiMarkdown';
import { buildOpenApiDocument } from '../openapi/document';

export const API_DOC_PATH = fileURLToPath(new URL('../../../docs/api.md', import.meta.url));

/** docs/api.md as the table gives it (every route, dev-only ones marked). */
export const expectedApiDoc = (current: string) => withRouteReference(current, buildOpenApiDocument(ROUTES));

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const current = readFileSync(API_DOC_PATH, 'utf8');
  const next = expectedApiDoc(current);
  if (process.argv.includes('--check')) {
    console.log(next === current ? 'docs/api.md is up to date' : 'docs/api.md is out of date: run npm run docs:api');
    process.exit(next === current ? 0 : 1);
  }
  writeFileSync(API_DOC_PATH, next);
  console.log(next === current ? 'docs/api.md was up to date' : 'docs/api.md rewritten');
}
