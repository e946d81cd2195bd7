/** GET /api/city. */
export { cityRoutes } from './routes';
