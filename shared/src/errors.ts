/**
 * Stable error codes of the BFF's JSON error body `{"error":{"code","message"}}`.
 * The mini-program maps them to localised text; the BFF maps them to HTTP statuses.
 */
export const ERROR_CODES = [
  'INVALID_REQUEST',
  'INVALID_JSON',
  'PAYLOAD_TOO_LARGE',
  'UNSUPPORTED_MEDIA_TYPE',
  /** A compressed request body (Content-Encoding other than identity): bodies are sent plain. */
  'UNSUPPORTED_CONTENT_ENCODING',
  /** Control characters, bidi overrides or lone surrogates in a text field. */
  'INVALID_CHARACTERS',
  'NOT_FOUND',
  'METHOD_NOT_ALLOWED',
  'INVALID_PHONE',
  'INVALID_ID_NUMBER',
  'INVALID_NAME',
  'SMS_RATE_LIMITED',
  'SMS_PROVIDER_BUSY',
  'SMS_PROVIDER_UNAVAILABLE',
  'INVALID_CREDENTIALS',
  'TOO_MANY_ATTEMPTS',
  'LINK_TICKET_INVALID',
  'PLATFORM_UNAVAILABLE',
  'PLATFORM_NOT_CONFIGURED',
  'UNAUTHENTICATED',
  'ID_ALREADY_REGISTERED',
  'IDENTITY_ALREADY_SET',
  'SERVICE_UNAVAILABLE',
  'FORBIDDEN',
  'REGISTRATION_REQUIRED',
  'INVALID_COLOR',
  'UNKNOWN_REASON',
  'DISTRICT_REQUIRED',
  'MARK_ALREADY_LIFTED',
  'MISSING_SIGNATURE',
  'BAD_SIGNATURE',
  'UNKNOWN_FEED',
  'SIGNATURE_EXPIRED',
  'SIGNATURE_REPLAYED',
  'LENGTH_REQUIRED',
  'DIGEST_MISMATCH',
  'LENGTH_MISMATCH',
  'FEED_UPLOAD_IN_PROGRESS',
  'SPOOL_FULL',
  'INVALID_LINE',
  'LINE_TOO_LONG',
  'FUTURE_EFFECTIVE_AT',
  'INVALID_CODE',
  'CODE_EXPIRED',
  'UNKNOWN_ISSUER',
  'CODE_REVOKED',
  'CONSENT_REQUIRED',
  'FILING_FOR_SELF',
  'DEPENDENT_EXISTS',
  'DEPENDENT_LIMIT',
  'RELATIVE_HAS_OWN_ACCOUNT',
  'NAME_MISMATCH',
  /** A valid paper code already exists; replacing it needs `replace: true` (the printed card stops working). */
  'PAPER_CODE_EXISTS',
  'VENUE_INACTIVE',
  'PLACE_CODE_EXPIRED',
  'LOOKUP_RATE_LIMITED',
  'INVALID_CSV',
  'VERIFICATION_REQUIRED',
  'VERIFICATION_FAILED',
  'VERIFICATION_PENDING',
  'VERIFICATION_INVALID',
  'VERIFICATION_UNAVAILABLE',
  'VERIFICATION_NOT_CONFIGURED',
  'VERIFICATION_RATE_LIMITED',
  'ALREADY_VERIFIED',
  'CLAIM_NAME_MISMATCH',
  'INTERNAL',
] as const;

export type ErrorCode = (typeof ERROR_CODES)[number];

/** The body of every 4xx/5xx answer. */
export interface ErrorBody {
  error: {
    code: ErrorCode;
    message: string;
    /** Seconds until the request may succeed; on every 429. */
    retryAfterSeconds?: number;
    /** Other ways in, e.g. `["simple"]` when SMS is saturated. */
    alternatives?: LoginMethod[];
  };
}

export type LoginMethod = 'sms' | 'simple' | 'wechat' | 'alipay';
