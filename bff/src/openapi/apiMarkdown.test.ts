import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { ROUTES } from '@yima/shared/contracts/routes';
import { API_DOC_PATH, expectedApiDoc } from '../cli/docsApi';
import { buildOpenApiDocument } from './document';
import { GENERATED_MARKER, routeReference, typeText } from './apiMarkdown';

describe('docs/api.md', () => {
  it('is what the route contract table gives (run `npm run docs:api` after changing the table)', () => {
    const current = readFileSync(API_DOC_PATH, 'utf8');
    expect(current).toContain(GENERATED_MARKER);
    expect(current === expectedApiDoc(current), 'docs/api.md is out of date: run npm run docs:api').toBe(true);
  });

  it('names every route of the table, with its error codes', () => {
    const text = routeReference(buildOpenApiDocument(ROUTES));
    for (const route of ROUTES) expect(text).toContain(`### \`${route.method} ${route.path.replace(/:(\w+)/g, '{$1}')}\``);
    expect(text).toMatch(/\| `PAPER_CODE_EXISTS` \| 409 \|/);
  });

  it('writes schemas as TypeScript-like types, references expanded', () => {
    const doc = buildOpenApiDocument(ROUTES);
    const text = typeText({ $ref: '#/components/schemas/SessionUser' }, doc);
    expect(text).toBe('{\n  id: string;\n  registered: boolean;\n}');
    expect(typeText({ type: ['string', 'null'], format: 'date-time' }, doc)).toBe('string | null /* date-time */');
    expect(typeText({ type: 'array', items: { enum: ['a', 'b'] } }, doc)).toBe('("a" | "b")[]');
  });
});
