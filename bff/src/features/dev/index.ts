/** Dev-only routes (the SMS outbox). */
export { devRoutes } from './routes';
