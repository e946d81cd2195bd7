/** Operator pages: which of them an account may open. */
export { opsRoutes, type OpsPage } from './routes';
