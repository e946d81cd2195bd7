/**
 * Every Redis key and TTL the BFF uses, in one place. Keys hold blind-index hashes
 * (crypto/pii.ts), never phone or ID numbers.
 */
export const SMS_CODE_TTL_SECONDS = 5 * 60;
export const SMS_CODE_MAX_WRONG = 5;
export const LINK_TICKET_TTL_SECONDS = 10 * 60;
export const OUTBOX_TTL_SECONDS = 24 * 3600;
export const OUTBOX_KEEP = 20;
export const CODE_STATE_TTL_SECONDS = 3600;
/** Versions outlive the states they guard (a missing version reads as 0). */
export const CODE_STATE_VERSION_TTL_SECONDS = 7 * 86400;

export const redisKeys = {
  smsCode: (phoneHash: string) => `yima:sms:code:${phoneHash}`,
  session: (tokenHash: string) => `yima:session:${tokenHash}`,
  linkTicket: (ticketHash: string) => `yima:link:${ticketHash}`,
  devOutbox: (phoneHash: string) => `yima:dev:outbox:${phoneHash}`,
  /** The cached code state of a user's own code, and its version (bumped on every change). */
  codeState: (userId: string) => `yima:codestate:user:${userId}`,
  codeStateVersion: (userId: string) => `yima:codestate:ver:${userId}`,
  /** A provincial feed's signature once accepted (replay window), and the feed's upload lock,
   * whose value also holds the bytes it reserved in the spool. The `{feed-upload}` hash tag
   * keeps every lock on one cluster slot: one script reads them all to sum the reservations. */
  feedSignature: (feed: string, signatureHex: string) => `yima:feed:sig:${feed}:${signatureHex}`,
  feedUpload: (feed: string) => `yima:{feed-upload}:${feed}`,
  /** A client's Idempotency-Key for a visit or scan, per account (http/idempotency.ts). */
  idempotency: (userId: string, key: string) => `yima:idem:${userId}:${key}`,
  /** Prefixes for rate-limiter-flexible; it appends its own key. */
  limiter: (name: string) => `yima:rl:${name}`,
};
