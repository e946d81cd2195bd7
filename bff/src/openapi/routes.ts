/**
 * `GET /api/openapi.json` and `GET /api/docs`: the contract table served as OpenAPI 3.1 and
 * as a readable page. Both are built once, on first request, from the same table the app's
 * tests check the routes against (dev-only routes appear only where they are mounted).
 */
import { routesFor } from '@yima/shared/contracts/routes';
import type { Access } from '../http/access';
import type { AppRouter } from '../http/router';
import { buildOpenApiDocument, type OpenApiDocument } from './document';
import { renderReferencePage } from './referencePage';

export function openApiRoutes(router: AppRouter, access: Access, opts: { dev: boolean }): void {
  let doc: { json: string; html: string } | null = null;
  const built = () => {
    if (!doc) {
      const document: OpenApiDocument = buildOpenApiDocument(routesFor(opts));
      doc = { json: JSON.stringify(document), html: renderReferencePage(document) };
    }
    return doc;
  };

  router.get('/api/openapi.json', access.anyone(), (ctx) => {
    ctx.set('Cache-Control', 'public, max-age=300');
    ctx.type = 'application/json';
    ctx.body = built().json;
  });

  router.get('/api/docs', access.anyone(), (ctx) => {
    ctx.set('Cache-Control', 'public, max-age=300');
    // The page loads nothing: say so to the browser too.
    ctx.set('Content-Security-Policy', "default-src 'none'; style-src 'unsafe-inline'; img-src 'self' data:");
    ctx.type = 'text/html';
    ctx.body = built().html;
  });
}
