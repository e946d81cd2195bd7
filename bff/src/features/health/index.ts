/** GET /healthz (liveness) and GET /readyz (readiness). */
export { healthRoutes } from './routes';
