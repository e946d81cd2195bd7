/**
 * Every Redis key and TTL the BFF uses, in one place. Keys hold blind-index hashes
 * (crypto/pii.ts), never phone or ID numbers.
 *
 * Redis Cluster (docs/decisions/0030-redis-cluster.md): a command naming several keys must
 * name keys of one slot. A user's keys that are read or written together — the session with
 * the code state (one MGET on the code page), the state with its version (MULTI) — carry the
 * hash tag `{u:<user id>}`, so a user's keys live on one node and users spread over all.
 */
export const SMS_CODE_TTL_SECONDS = 5 * 60;
export const SMS_CODE_MAX_WRONG = 5;
export const LINK_TICKET_TTL_SECONDS = 10 * 60;
export const OUTBOX_TTL_SECONDS = 24 * 3600;
export const OUTBOX_KEEP = 20;
export const CODE_STATE_TTL_SECONDS = 3600;
/** Versions outlive the states they guard (a missing version reads as 0). */
export const CODE_STATE_VERSION_TTL_SECONDS = 7 * 86400;

/** The hash tag of a user's keys: one cluster slot per user. */
const userTag = (userId: string) => `{u:${userId}}`;

export const redisKeys = {
  smsCode: (phoneHash: string) => `yima:sms:code:${phoneHash}`,
  session: (userId: string, tokenHash: string) => `yima:${userTag(userId)}:session:${tokenHash}`,
  /** Sessions opened before the hash tag (read once, then moved: features/auth/sessions.ts). */
  legacySession: (tokenHash: string) => `yima:session:${tokenHash}`,
  linkTicket: (ticketHash: string) => `yima:link:${ticketHash}`,
  devOutbox: (phoneHash: string) => `yima:dev:outbox:${phoneHash}`,
  /** The cached code state of a user's own code, and its version (bumped on every change). */
  codeState: (userId: string) => `yima:${userTag(userId)}:codestate`,
  codeStateVersion: (userId: string) => `yima:${userTag(userId)}:codestate:ver`,
  /** A provincial feed's signature once accepted (replay window), and the feed's upload lock,
   * whose value also holds the bytes it reserved in the spool. The `{feed-upload}` hash tag
   * keeps every lock on one cluster slot: one script reads them all to sum the reservations. */
  feedSignature: (feed: string, signatureHex: string) => `yima:feed:sig:${feed}:${signatureHex}`,
  feedUpload: (feed: string) => `yima:{feed-upload}:${feed}`,
  /** A client's Idempotency-Key for a visit or scan, per account (http/idempotency.ts). */
  idempotency: (userId: string, key: string) => `yima:${userTag(userId)}:idem:${key}`,
  /** The streams of acknowledged visits (features/visits/visitLog.ts): shard 0 keeps the name
   * of the single stream before sharding, so entries written before an upgrade are drained. */
  visitStream: (shard: number) => (shard === 0 ? 'yima:visits' : `yima:visits:${shard}`),
  /** How many visit streams have ever been written: every process drains that many. */
  visitStreamShards: 'yima:visits:shards',
  /** Prefixes for rate-limiter-flexible; it appends its own key. */
  limiter: (name: string) => `yima:rl:${name}`,
};
