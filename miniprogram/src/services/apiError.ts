/** A failed request as the app knows it: the BFF's stable error code (or NETWORK), its message,
 * the HTTP status, and for a 429 the wait. Its own module, free of Taro, so wording it
 * (errorWords.ts) is unit-tested. */
import type { LoginMethod } from '@yima/shared';

export class ApiError extends Error {
  constructor(
    readonly code: string,
    message: string,
    readonly status: number,
    readonly retryAfterSeconds?: number,
    readonly alternatives?: LoginMethod[],
  ) {
    super(message);
  }
}
