/**
 * Domain errors with a stable code. Thrown anywhere, rendered once by errorHandler. The
 * message is always meant for the client: never put personal data or internals in it.
 */
import type { ErrorCode, LoginMethod } from '@yima/shared';

export interface AppErrorOptions {
  status: number;
  retryAfterSeconds?: number;
  alternatives?: LoginMethod[];
}

export class AppError extends Error {
  readonly code: ErrorCode;
  readonly status: number;
  readonly retryAfterSeconds?: number;
  readonly alternatives?: LoginMethod[];

  constructor(code: ErrorCode, message: string, options: AppErrorOptions) {
    super(message);
    this.code = code;
    this.status = options.status;
    this.retryAfterSeconds = options.retryAfterSeconds;
    this.alternatives = options.alternatives;
  }
}

export const badRequest = (code: ErrorCode, message: string) => new AppError(code, message, { status: 400 });
export const unauthorized = (code: ErrorCode, message: string) => new AppError(code, message, { status: 401 });
export const conflict = (code: ErrorCode, message: string) => new AppError(code, message, { status: 409 });

/** A 429; `retryAfterSeconds` is rounded up and at least 1 so clients never retry at once. */
export function tooMany(code: ErrorCode, message: string, retryAfterMs: number, alternatives?: LoginMethod[]) {
  return new AppError(code, message, { status: 429, retryAfterSeconds: Math.max(1, Math.ceil(retryAfterMs / 1000)), alternatives });
}
