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
  /** MariaDB or Redis did not answer within its deadline (stalled): retry shortly. */
  'DEPENDENCY_TIMEOUT',
  /** VISIT_ACK=replica: the visit was not confirmed by enough Redis replicas in time: retry shortly. */
  'NOT_REPLICATED',
  'FORBIDDEN',
  'REGISTRATION_REQUIRED',
  'INVALID_COLOR',
  'INVALID_RESULT',
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
  /** Health-record feed lines (decision 0026): a time ahead of our clock, a report before its sample. */
  'FUTURE_SAMPLED_AT',
  'FUTURE_REPORTED_AT',
  'FUTURE_VACCINATION_DATE',
  'REPORTED_BEFORE_SAMPLED',
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
  /** A check-in's community is not a grid anyone imported. */
  'UNKNOWN_COMMUNITY',
  /** A check-in's community lies in another district than the address's. */
  'COMMUNITY_NOT_IN_DISTRICT',
  /** A day that is not a calendar date `YYYY-MM-DD` (statistics). */
  'INVALID_DATE',
  /** A range whose start is after its end (statistics). */
  'INVALID_DATE_RANGE',
  /** A range of more days than a statistics route answers at once. */
  'DATE_RANGE_TOO_LONG',
  /** A conversion request (转码申请) for a colour that is not yellow or red. */
  'NOTHING_TO_CONVERT',
  /** The person already has a conversion request waiting for a decision. */
  'CONVERSION_ALREADY_OPEN',
  /** The conversion request was decided (or moved on) before this decision. */
  'CONVERSION_ALREADY_DECIDED',
  /** The person declared yellow or red again after asking: an approval would clear a
   * declaration nobody reviewed (reject the request; they may ask again). */
  'CONVERSION_OUTDATED',
  /** A risk area's period that has already ended (ending it again). */
  'RISK_AREA_ENDED',
  /** Role grants from the operator pages: no account has this phone (the person must log in once). */
  'ACCOUNT_NOT_FOUND',
  /** A grant's scope that does not fit its role: an unknown grid or place, not a district code. */
  'INVALID_SCOPE',
  /** A role only the command line grants or revokes (admin): docs/decisions/0023. */
  'ROLE_CLI_ONLY',
  /** Revoking a grant the account does not hold. */
  'GRANT_NOT_FOUND',
  /** An Idempotency-Key already used by this account for another request (decision 0028). */
  'IDEMPOTENCY_KEY_REUSED',
  /** The same Idempotency-Key's first request is still being answered: retry shortly. */
  'REQUEST_IN_PROGRESS',
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

/** The HTTP status of each code: the one table the BFF's error handler answers from, so a
 * service says what went wrong and never how HTTP spells it. */
export const ERROR_STATUS: Record<ErrorCode, number> = {
  INVALID_REQUEST: 400,
  INVALID_JSON: 400,
  PAYLOAD_TOO_LARGE: 413,
  UNSUPPORTED_MEDIA_TYPE: 415,
  UNSUPPORTED_CONTENT_ENCODING: 415,
  INVALID_CHARACTERS: 400,
  NOT_FOUND: 404,
  METHOD_NOT_ALLOWED: 405,
  INVALID_PHONE: 400,
  INVALID_ID_NUMBER: 400,
  INVALID_NAME: 400,
  SMS_RATE_LIMITED: 429,
  SMS_PROVIDER_BUSY: 429,
  SMS_PROVIDER_UNAVAILABLE: 503,
  INVALID_CREDENTIALS: 401,
  TOO_MANY_ATTEMPTS: 429,
  LINK_TICKET_INVALID: 400,
  PLATFORM_UNAVAILABLE: 502,
  PLATFORM_NOT_CONFIGURED: 400,
  UNAUTHENTICATED: 401,
  ID_ALREADY_REGISTERED: 409,
  IDENTITY_ALREADY_SET: 409,
  SERVICE_UNAVAILABLE: 503,
  DEPENDENCY_TIMEOUT: 503,
  NOT_REPLICATED: 503,
  FORBIDDEN: 403,
  REGISTRATION_REQUIRED: 403,
  INVALID_COLOR: 400,
  INVALID_RESULT: 400,
  UNKNOWN_REASON: 400,
  DISTRICT_REQUIRED: 400,
  MARK_ALREADY_LIFTED: 409,
  MISSING_SIGNATURE: 401,
  BAD_SIGNATURE: 400,
  UNKNOWN_FEED: 401,
  SIGNATURE_EXPIRED: 401,
  SIGNATURE_REPLAYED: 401,
  LENGTH_REQUIRED: 411,
  DIGEST_MISMATCH: 400,
  LENGTH_MISMATCH: 400,
  FEED_UPLOAD_IN_PROGRESS: 409,
  SPOOL_FULL: 429,
  INVALID_LINE: 400,
  LINE_TOO_LONG: 400,
  FUTURE_EFFECTIVE_AT: 400,
  FUTURE_SAMPLED_AT: 400,
  FUTURE_REPORTED_AT: 400,
  FUTURE_VACCINATION_DATE: 400,
  REPORTED_BEFORE_SAMPLED: 400,
  INVALID_CODE: 400,
  CODE_EXPIRED: 400,
  UNKNOWN_ISSUER: 400,
  CODE_REVOKED: 400,
  CONSENT_REQUIRED: 400,
  FILING_FOR_SELF: 400,
  DEPENDENT_EXISTS: 409,
  DEPENDENT_LIMIT: 409,
  RELATIVE_HAS_OWN_ACCOUNT: 409,
  NAME_MISMATCH: 409,
  PAPER_CODE_EXISTS: 409,
  VENUE_INACTIVE: 409,
  PLACE_CODE_EXPIRED: 409,
  LOOKUP_RATE_LIMITED: 429,
  INVALID_CSV: 400,
  VERIFICATION_REQUIRED: 403,
  VERIFICATION_FAILED: 422,
  VERIFICATION_PENDING: 409,
  VERIFICATION_INVALID: 409,
  VERIFICATION_UNAVAILABLE: 502,
  VERIFICATION_NOT_CONFIGURED: 503,
  VERIFICATION_RATE_LIMITED: 429,
  ALREADY_VERIFIED: 409,
  CLAIM_NAME_MISMATCH: 409,
  UNKNOWN_COMMUNITY: 400,
  COMMUNITY_NOT_IN_DISTRICT: 400,
  INVALID_DATE: 400,
  INVALID_DATE_RANGE: 400,
  DATE_RANGE_TOO_LONG: 400,
  NOTHING_TO_CONVERT: 409,
  CONVERSION_ALREADY_OPEN: 409,
  CONVERSION_ALREADY_DECIDED: 409,
  CONVERSION_OUTDATED: 409,
  RISK_AREA_ENDED: 409,
  ACCOUNT_NOT_FOUND: 404,
  INVALID_SCOPE: 400,
  ROLE_CLI_ONLY: 403,
  GRANT_NOT_FOUND: 404,
  IDEMPOTENCY_KEY_REUSED: 409,
  REQUEST_IN_PROGRESS: 409,
  INTERNAL: 500,
};

/**
 * Three codes answer with another status in one situation. Splitting them would be cleaner,
 * but clients know these codes (the register page waits for VERIFICATION_REQUIRED, the
 * scanner and i18n word CODE_REVOKED and BAD_SIGNATURE, the province's feed client reads
 * BAD_SIGNATURE), so the situation is named where the error is thrown and mapped here.
 */
export const ERROR_STATUS_IN = {
  /** Registering an ID number that already has a record: a conflict with that record. */
  VERIFICATION_REQUIRED: { claim: 409 },
  /** Printing a card that was voided: the resource asked for is gone. */
  CODE_REVOKED: { print: 410 },
  /** A provincial feed request whose signature fails: the request is not authenticated. */
  BAD_SIGNATURE: { feedRequest: 401 },
} as const satisfies Partial<Record<ErrorCode, Record<string, number>>>;

type Situations = { [C in keyof typeof ERROR_STATUS_IN]: keyof (typeof ERROR_STATUS_IN)[C] };
/** A situation in which a code answers with another status (ERROR_STATUS_IN). */
export type ErrorSituation = Situations[keyof Situations];

export interface DomainErrorOptions {
  /** Values the client may word the message with. */
  params?: Record<string, string | number>;
  /** Seconds until the request may succeed (rate limits, busy resources). */
  retryAfterSeconds?: number;
  /** Other ways in, e.g. `["simple"]` when SMS is saturated. */
  alternatives?: LoginMethod[];
  situation?: ErrorSituation;
}

/** An error of the domain with a stable code. Thrown anywhere, rendered once (the BFF's
 * errorHandler). The message is always meant for the client: never put personal data or
 * internals in it. */
export class DomainError extends Error {
  readonly code: ErrorCode;
  readonly params?: Record<string, string | number>;
  readonly retryAfterSeconds?: number;
  readonly alternatives?: LoginMethod[];
  readonly situation?: ErrorSituation;

  constructor(code: ErrorCode, message: string, options: DomainErrorOptions = {}) {
    super(message);
    this.name = 'DomainError';
    this.code = code;
    this.params = options.params;
    this.retryAfterSeconds = options.retryAfterSeconds;
    this.alternatives = options.alternatives;
    this.situation = options.situation;
  }
}

/** A refusal that may succeed after a wait: `retryAfterSeconds` is rounded up and at least 1,
 * so clients never retry at once. */
export function limited(code: ErrorCode, message: string, retryAfterMs: number, alternatives?: LoginMethod[]): DomainError {
  return new DomainError(code, message, { retryAfterSeconds: Math.max(1, Math.ceil(retryAfterMs / 1000)), alternatives });
}

/** The HTTP status of an error: its situation's, else its code's. */
export function statusOf(err: Pick<DomainError, 'code' | 'situation'>): number {
  const special = err.situation ? (ERROR_STATUS_IN as Record<string, Record<string, number> | undefined>)[err.code]?.[err.situation] : undefined;
  return special ?? ERROR_STATUS[err.code];
}
