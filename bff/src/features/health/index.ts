/** GET /healthz. */
export { healthRoutes } from './routes';
