/** The two health-record feeds (decision 0026) by kind: the name each goes by in its route,
 * in `health_feed_status.kind` and in its upload lock (feedLockName). */
export const HEALTH_FEED_KINDS = ['nucleic-acid', 'vaccination'] as const;
export type HealthFeedKind = (typeof HEALTH_FEED_KINDS)[number];

export const NUCLEIC_ACID_BATCH_PATH = '/api/feeds/nucleic-acid/batches';
export const VACCINATION_BATCH_PATH = '/api/feeds/vaccination/batches';

export const BATCH_PATHS: Record<HealthFeedKind, string> = {
  'nucleic-acid': NUCLEIC_ACID_BATCH_PATH,
  vaccination: VACCINATION_BATCH_PATH,
};
