/** Codes of this and other regions: the trust list and POST /api/recognitions. */
export { recognitionRoutes } from './routes';
export { createTrustList, type TrustList } from './trustList';
