/** GET /api/city: the city's name and the authority issuing its codes, from configuration. */
import type { Access } from '../../http/access';
import type { AppRouter } from '../../http/router';

export function cityRoutes(router: AppRouter, access: Access, city: { name: string; authority: string }): void {
  const body = { name: city.name, authority: city.authority };
  router.get('/api/city', access.anyone(), (ctx) => {
    ctx.set('Cache-Control', 'public, max-age=300');
    ctx.body = body;
  });
}
